package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderIniTest {
    @TempDir
    Path dir;

    Inventory load(String text) throws IOException {
        Path f = dir.resolve("hosts.ini");
        Files.writeString(f, text);
        return new InventoryLoader().load(f);
    }

    InputException failure(String text) throws IOException {
        Path f = dir.resolve("bad.ini");
        Files.writeString(f, text);
        return assertThrows(InputException.class, () -> new InventoryLoader().load(f));
    }

    @Test
    void labShapeInIni() throws IOException {
        Inventory inv = load("""
                # the lab pair
                standalone ansible_host=10.0.0.9

                [drbd_pair]
                node1 ansible_host=127.0.0.1 ansible_port=2221 replication_address="192.168.77.1"  # first
                node2 ansible_host=127.0.0.1 ansible_port='2222' note="two words"

                [drbd_pair:vars]
                ; group variables
                drbd_disk=/dev/vdb
                known_hosts = "~/.cache/duet-lab/known_hosts"
                become=True
                count=3

                [cluster:children]
                drbd_pair

                [cluster:vars]
                drbd_disk=/dev/vdc
                site=lab
                """);
        assertThat(inv.hosts()).containsOnlyKeys("standalone", "node1", "node2");
        Host node1 = inv.hosts().get("node1");
        assertThat(node1.port()).isEqualTo(2221);
        assertThat(node1.vars().get("ansible_port")).isEqualTo(2221);
        assertThat(node1.address()).isEqualTo("127.0.0.1");
        assertThat(node1.vars()).containsEntry("replication_address", "192.168.77.1")
                .containsEntry("drbd_disk", "/dev/vdb")
                .containsEntry("site", "lab")
                .containsEntry("known_hosts", "~/.cache/duet-lab/known_hosts")
                .containsEntry("become", true)
                .containsEntry("count", 3);
        // shlex drops the quotes before literal_eval, so '2222' on a host line is the number 2222 in Ansible
        assertThat(inv.hosts().get("node2").vars()).containsEntry("note", "two words").containsEntry("ansible_port", 2222);
        assertThat(inv.hosts().get("node2").port()).isEqualTo(2222);
        assertThat(node1.groups()).containsExactly("all", "cluster", "drbd_pair");
        assertThat(inv.groups().get("cluster")).containsExactly("node1", "node2");
        assertThat(inv.groups().get("ungrouped")).containsExactly("standalone");
    }

    @Test
    void hostColonPortSetsThePort() throws IOException {
        assertThat(load("[g]\nweb:2200\n").hosts().get("web").port()).isEqualTo(2200);
    }

    /** As Ansible's add_host, which gives the port to a new host only (ansible-recorded/host-port-first-entry). */
    @Test
    void aPortOnALaterEntryOfTheSameHostIsIgnoredButAnAnsiblePortVariableCounts() throws IOException {
        Inventory inv = load("[g1]\nh1\nh3:2201\n[g2]\nh1:2222\nh3:2202 ansible_port=2203\n");

        assertThat(inv.hosts().get("h1").vars()).doesNotContainKey("ansible_port");
        assertThat(inv.hosts().get("h1").port()).isEqualTo(22);
        assertThat(inv.hosts().get("h3").port()).isEqualTo(2203);
    }

    @Test
    void badSectionHeaderIsLocated() throws IOException {
        InputException e = failure("[pair]\nnode1\n\n  [pair:hostvars]\n");
        assertThat(e.getMessage()).contains("bad.ini:4:", "expected :vars or :children", ":hostvars");
    }

    /**
     * As ini.py: only a line ending in ']' is a (broken) section header; ansible-inventory 2.14 reads
     * {@code [a:c]-node} as hosts a-node, b-node, c-node and {@code [fe80::1]:2201} as host fe80::1, port 2201.
     */
    @Test
    void aLineStartingWithABracketIsAHostUnlessItEndsWithOne() throws IOException {
        assertThat(load("[g]\n[a:c]-node x=1\n").groups().get("g")).containsExactly("a-node", "b-node", "c-node");
        InputException ipv6 = failure("[g]\n[fe80::1]:2201\n");
        assertThat(ipv6.getMessage()).contains("bad.ini:2:1: ", "expected a plain host name", "'fe80::1'");
        InputException broken = failure("[g]\n[fe80::1]\n");
        assertThat(broken.getMessage()).contains("bad.ini:2:", "expected :vars or :children");
    }

    @Test
    void tokenWithoutEqualsIsLocated() throws IOException {
        InputException e = failure("[pair]\nnode1 ansible_port=22 oops\n");
        assertThat(e.getMessage()).contains("bad.ini:2:23: ", "expected key=value after host 'node1'", "oops");
    }

    @Test
    void unterminatedQuoteIsLocated() throws IOException {
        InputException e = failure("[pair]\nnode1 a=\"b\n");
        assertThat(e.getMessage()).contains("bad.ini:2:9: ", "closing \"");
    }

    @Test
    void metacharactersInAnsibleHostAreRejected() throws IOException {
        InputException e = failure("[pair]\nnode1 ansible_host=`reboot`\n");
        assertThat(e.getMessage()).contains("bad.ini:2:7: ", "hostname or IP", "`reboot`");
    }

    @Test
    void nonNumericPortIsRejected() throws IOException {
        InputException e = failure("[pair]\nnode1\n[pair:vars]\nansible_port=22;reboot\n");
        assertThat(e.getMessage()).contains("bad.ini:4:1: ", "ansible_port", "1 to 65535");
    }

    @Test
    void varsForUndefinedGroupIsRejected() throws IOException {
        InputException e = failure("[pair]\nnode1\n[pari:vars]\nx=1\n");
        assertThat(e.getMessage()).contains("bad.ini:3:", "group 'pari'");
    }

    @Test
    void childrenOfUndefinedGroupIsRejected() throws IOException {
        InputException e = failure("[pair]\nnode1\n[cluster:children]\npair\nmissing\n");
        assertThat(e.getMessage()).contains("bad.ini:5:1: ", "group 'missing'");
    }

    @Test
    void badHostNameIsRejected() throws IOException {
        InputException e = failure("[pair]\nnode1|x\n");
        assertThat(e.getMessage()).contains("bad.ini:2:1: ", "plain host name", "node1|x");
    }

    @Test
    void allVarsNeedNoAllSection() throws IOException {
        Inventory inv = load("node1\n[pair]\nnode2\n[all:vars]\nsite=lab\n[ungrouped:vars]\nlonely=yes\n");
        assertThat(inv.hosts().get("node2").vars()).containsEntry("site", "lab").doesNotContainKey("lonely");
        assertThat(inv.hosts().get("node1").vars()).containsEntry("site", "lab").containsEntry("lonely", "yes");
    }

    @Test
    void rangesExpandOnHostLinesWithTheirVariables() throws IOException {
        Inventory inv = load("[web]\nweb[01:02]:2200 tier=front\n[db]\ndb-[a:c]\n[odd]\nn[1:5:2]\n");
        assertThat(inv.groups().get("web")).containsExactly("web01", "web02");
        assertThat(inv.hosts().get("web02").port()).isEqualTo(2200);
        assertThat(inv.hosts().get("web02").vars()).containsEntry("tier", "front");
        assertThat(inv.groups().get("db")).containsExactly("db-a", "db-b", "db-c");
        assertThat(inv.groups().get("odd")).containsExactly("n1", "n3", "n5");
    }

    @Test
    void valuesAreWhatLiteralEvalMakesOfThemOnHostLinesAndInVarsSections() throws IOException {
        Inventory inv = load("""
                [g]
                h hex=0x10 word=yes truth=True quoted="'0644'" mode=0644 list="[1, 2]" hash=a#b
                [g:vars]
                port=8080 # a comment after a literal is dropped
                site=lab # after anything else it is part of the value
                flag=False
                text="two words"
                """);
        assertThat(inv.hosts().get("h").vars()).containsEntry("hex", 16).containsEntry("word", "yes")
                .containsEntry("truth", true).containsEntry("quoted", "0644").containsEntry("mode", "0644")
                .containsEntry("list", java.util.List.of(1, 2)).containsEntry("hash", "a")
                .containsEntry("port", 8080).containsEntry("site", "lab # after anything else it is part of the value")
                .containsEntry("flag", false).containsEntry("text", "two words");
    }

    @Test
    void aHostInAGroupLeavesUngrouped() throws IOException {
        Inventory inv = load("[ungrouped]\nh1\nh2\n[g]\nh2\n");
        assertThat(inv.groups().get("ungrouped")).containsExactly("h1");
        assertThat(inv.hosts().get("h2").groups()).containsExactly("all", "g");
    }

    @Test
    void legacySshNamesWinOverThePlainOnes() throws IOException {
        Inventory inv = load("h ansible_ssh_host=10.0.0.5 ansible_ssh_port=2201 ansible_ssh_user=admin ansible_host=10.0.0.9\n"
                + "p ansible_host=10.0.0.7 ansible_port=2202 ansible_user=ops\n");
        Host h = inv.hosts().get("h");
        assertThat(h.address()).isEqualTo("10.0.0.5");
        assertThat(h.port()).isEqualTo(2201);
        assertThat(h.user()).isEqualTo("admin");
        Host p = inv.hosts().get("p");
        assertThat(List.of(p.address(), String.valueOf(p.port()), p.user())).containsExactly("10.0.0.7", "2202", "ops");
        InputException e = failure("h ansible_ssh_host=`reboot`\n");
        assertThat(e.getMessage()).contains("bad.ini:1:3: ", "ansible_ssh_host");
    }
}
