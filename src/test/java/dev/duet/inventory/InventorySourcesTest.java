package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several inventory sources (several {@code -i}) read in order into one inventory, as Ansible 2.14's
 * InventoryManager reads them (ansible-recorded/several-sources holds ansible-inventory's output for the
 * same shapes): a later source adds hosts, groups and children and wins for a variable set at the same
 * level; each source's group_vars/ and host_vars/ are read source by source.
 */
class InventorySourcesTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) {
        return TestFiles.write(dir, relative, text);
    }

    private Inventory load(Path... sources) {
        return new InventoryLoader().load(List.of(sources), null);
    }

    @Test
    void theSameHostInTwoSourcesKeepsEarlierVariablesAndTakesTheLaterValue() {
        Path a = write("a/hosts", "[web]\nw1 x=1 y=a\n");
        Path b = write("b/more.yml", "all:\n  children:\n    db:\n      hosts:\n        w1:\n          x: 2\n");

        Host w1 = load(a, b).hosts().get("w1");

        assertThat(w1.vars()).containsEntry("x", 2).containsEntry("y", "a")
                .containsEntry("inventory_file", a.toAbsolutePath().toString());
        assertThat(w1.groups()).containsExactly("all", "db", "web");
    }

    @Test
    void aGroupsVariablesInBothSourcesMergeAndTheLaterWins() {
        Path a = write("a/hosts", "[web]\nw1\n[web:vars]\ncolor=red\nsize=1\n");
        Path b = write("b/hosts", "[web]\nw2\n[web:vars]\ncolor=blue\n");

        Inventory inv = load(a, b);

        assertThat(inv.groups().get("web")).containsExactly("w1", "w2");
        assertThat(inv.hosts().get("w1").vars()).containsEntry("color", "blue").containsEntry("size", 1);
        assertThat(inv.hosts().get("w2").vars()).containsEntry("color", "blue").containsEntry("size", 1);
    }

    @Test
    void aLaterIniSourceMayGiveVarsAndParentsToGroupsAnEarlierOneDefined() {
        Path a = write("a/hosts", "loose\n[web]\nw1\n[db]\nd1\n");
        Path b = write("b/hosts", "[web:vars]\ncolor=blue\n[top:children]\nweb\ndb\n[top:vars]\ncolor=top\n"
                + "[web]\nloose\n");

        Inventory inv = load(a, b);

        assertThat(inv.groups().get("top")).containsExactly("loose", "w1", "d1");
        assertThat(inv.shapes().get("all").children()).containsExactly("ungrouped", "top");
        assertThat(inv.groups().get("ungrouped")).as("a host a later source puts in a group").isEmpty();
        // web is now a child of top: its own value wins over its new parent's, as within one source
        assertThat(inv.hosts().get("w1").vars()).containsEntry("color", "blue");
        assertThat(inv.hosts().get("d1").vars()).containsEntry("color", "top");
    }

    @Test
    void allVarsOfALaterSourceWinButNotOverAnyGroupOrHost() {
        Path a = write("a/hosts", "h1 own=a\n[g]\nh2\n[g:vars]\nlevel=g\n[all:vars]\nlevel=a\nown=all-a\n");
        Path b = write("b/hosts", "h3\n[all:vars]\nlevel=b\nown=all-b\n");

        Inventory inv = load(a, b);

        assertThat(inv.hosts().get("h1").vars()).containsEntry("level", "b").containsEntry("own", "a");
        assertThat(inv.hosts().get("h2").vars()).containsEntry("level", "g");
        assertThat(inv.hosts().get("h3").vars()).containsEntry("level", "b").containsEntry("own", "all-b");
    }

    /**
     * Ansible's host_group_vars runs source by source, each for all of the host's groups: b's group_vars/top
     * wins over a's group_vars/web although web is the deeper group (ansible-recorded/several-sources).
     */
    @Test
    void groupVarsAndHostVarsBesideEachSourceAreReadSourceBySource() {
        Path a = write("a/hosts", "[web]\nw1\n");
        write("a/group_vars/all.yml", "gv: a_all\nonly_a: 1\n");
        write("a/group_vars/web.yml", "lvl: a_web\n");
        write("a/host_vars/w1.yml", "hv: a\n");
        Path b = write("b/hosts", "[top:children]\nweb\n");
        write("b/group_vars/all.yml", "gv: b_all\n");
        write("b/group_vars/top.yml", "lvl: b_top\n");
        write("b/host_vars/w1.yml", "hv: b\n");

        Inventory inv = load(a, b);

        assertThat(inv.hosts().get("w1").vars()).containsEntry("gv", "b_all").containsEntry("only_a", 1)
                .containsEntry("lvl", "b_top").containsEntry("hv", "b");
        assertThat(inv.origin("w1", "hv")).hasValueSatisfying(at ->
                assertThat(at.file().toAbsolutePath()).isEqualTo(dir.resolve("b/host_vars/w1.yml").toAbsolutePath()));
    }

    @Test
    void aDirectoryAndAFileMixAndADirectoryNamedAgainWinsAgain() {
        write("d/01", "[web]\nw1\n");
        write("d/group_vars/web.yml", "gv: d\n");
        Path f = write("f/hosts", "[web]\nw2\n");
        write("f/group_vars/web.yml", "gv: f\n");

        assertThat(load(dir.resolve("d"), f).hosts().get("w1").vars()).containsEntry("gv", "f");
        Inventory again = load(dir.resolve("d"), f, dir.resolve("d"));
        assertThat(again.hosts().keySet()).containsExactly("w1", "w2");
        assertThat(again.hosts().get("w2").vars()).containsEntry("gv", "d");
    }

    @Test
    void anErrorInTheSecondSourceNamesThatFileAndLine() {
        Path a = write("a/hosts", "[web]\nw1\n");
        Path b = write("b/hosts", "[web]\nw2\nw3 ansible_port=http\n");

        assertThatThrownBy(() -> load(a, b)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(b + ":3:").hasMessageContaining("ansible_port");
    }

    /** Ansible refuses the add_child that closes a loop: "Adding group 'a' as child to 'b' creates a recursive dependency loop". */
    @Test
    void aGroupLoopClosedByTheSecondSourceIsReportedAtItsLine() {
        Path a = write("a/hosts", "[a:children]\nb\n[b]\nh1\n");
        Path b = write("b/hosts", "[a]\nh2\n[b:children]\na\n");

        assertThatThrownBy(() -> load(a, b)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(b + ":4:1: ").hasMessageContaining("group 'a' is its own ancestor");
    }

    @Test
    void aSourceThatDoesNotExistIsRefusedNamingItWhereAnsibleWouldGoOnWithoutIt() {
        Path a = write("a/hosts", "[web]\nw1\n");
        Path missing = dir.resolve("b/hosts");

        assertThatThrownBy(() -> load(a, missing)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(missing + ": ")
                .hasMessageContaining("no such file or directory", "expected an inventory file");
    }

    /** Ansible's host_list plugin (ansible-recorded/host-list). */
    @Test
    void aSourceWithACommaThatIsNoFileIsAHostListOfUngroupedHostsWithPorts() {
        Inventory inv = load(Path.of("node1, node2:2222,,10.0.0.5:23,"));

        assertThat(inv.groups().get("ungrouped")).containsExactly("node1", "node2", "10.0.0.5");
        assertThat(inv.hosts().get("node1").port()).isEqualTo(22);
        assertThat(inv.hosts().get("node2").vars()).containsEntry("ansible_port", 2222)
                .containsEntry("inventory_file", "node1, node2:2222,,10.0.0.5:23,");
        assertThat(inv.hosts().get("node2").nulls()).as("inventory_dir is None, as in Ansible").contains("inventory_dir");
        assertThat(load(Path.of("node1,")).hosts().keySet()).containsExactly("node1");
    }

    @Test
    void aHostListLeavesAHostTheInventoryHasAsItIsAndALaterSourceMayGroupItsHosts() {
        Path a = write("a/hosts", "[web]\nw1\n");
        Path b = write("b/hosts", "[web]\nnew2\n");

        Inventory inv = load(a, Path.of("w1:2200,new1,new2,"), b);

        assertThat(inv.hosts().get("w1").port()).as("the port of a host already named").isEqualTo(22);
        assertThat(inv.groups().get("web")).containsExactly("w1", "new2");
        assertThat(inv.groups().get("ungrouped")).containsExactly("new1");
    }

    @Test
    void aNameAHostListCannotTakeAsWrittenIsRefusedAtItsColumn() {
        assertThatThrownBy(() -> load(Path.of("node1, node[1:3],"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith("node1, node[1:3],:1:8: ")
                .hasMessageContaining("host list", "got 'node[1:3]'", "does not expand ranges");
        assertThatThrownBy(() -> load(Path.of("a b,"))).isInstanceOf(InputException.class)
                .hasMessageStartingWith("a b,:1:1: ").hasMessageContaining("plain host name");
    }
}
