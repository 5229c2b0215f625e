package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderYamlTest {
    static final String LAB = """
            all:
              children:
                drbd_pair:
                  vars:
                    known_hosts: ~/.cache/duet-lab/known_hosts
                    drbd_disk: /dev/vdb
                  hosts:
                    node1: {ansible_host: 127.0.0.1, ansible_port: 2221, ansible_user: root, ansible_ssh_private_key_file: ~/.cache/duet-lab/id_ed25519, replication_address: 192.168.77.1}
                    node2: {ansible_host: 127.0.0.1, ansible_port: 2222, ansible_user: root, ansible_ssh_private_key_file: ~/.cache/duet-lab/id_ed25519, replication_address: 192.168.77.2}
            """;

    @TempDir
    Path dir;

    Inventory load(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return new InventoryLoader().load(f);
    }

    InputException failure(String name, String text) {
        Path f = dir.resolve(name);
        try {
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> new InventoryLoader().load(f));
    }

    @Test
    void labInventoryLoadsUnchanged() throws IOException {
        Inventory inv = load("lab.yml", LAB);
        assertThat(inv.hosts()).containsOnlyKeys("node1", "node2");
        Host node1 = inv.hosts().get("node1");
        assertThat(node1.address()).isEqualTo("127.0.0.1");
        assertThat(node1.port()).isEqualTo(2221);
        assertThat(node1.user()).isEqualTo("root");
        assertThat(node1.vars()).containsEntry("drbd_disk", "/dev/vdb")
                .containsEntry("known_hosts", "~/.cache/duet-lab/known_hosts")
                .containsEntry("replication_address", "192.168.77.1")
                .containsEntry("ansible_ssh_private_key_file", "~/.cache/duet-lab/id_ed25519");
        assertThat(inv.hosts().get("node2").port()).isEqualTo(2222);
        assertThat(node1.groups()).containsExactly("all", "drbd_pair");
        assertThat(inv.groups().get("drbd_pair")).containsExactly("node1", "node2");
        assertThat(inv.groups().get("all")).containsExactly("node1", "node2");
        assertThat(inv.groups().get("ungrouped")).isEmpty();
    }

    @Test
    void variablesMergeAllThenParentThenChildThenHost() throws IOException {
        Inventory inv = load("inv.yaml", """
                all:
                  vars: {a: all, b: all, c: all, d: all}
                  hosts:
                    solo:
                  children:
                    parent:
                      vars: {b: parent, c: parent, d: parent}
                      children:
                        child:
                          vars: {c: child, d: child}
                          hosts:
                            h1: {d: host}
                            h2:
                """);
        assertThat(inv.hosts().get("h1").vars()).containsEntry("a", "all").containsEntry("b", "parent")
                .containsEntry("c", "child").containsEntry("d", "host");
        assertThat(inv.hosts().get("h2").vars()).containsEntry("d", "child");
        assertThat(inv.hosts().get("h1").groups()).containsExactly("all", "parent", "child");
        assertThat(inv.groups().get("parent")).containsExactly("h1", "h2");
        assertThat(inv.groups().get("ungrouped")).containsExactly("solo");
        assertThat(inv.hosts().get("solo").vars()).containsEntry("a", "all");
    }

    @Test
    void yamlBooleansFollowAnsible() throws IOException {
        Inventory inv = load("inv.yml", "all:\n  hosts:\n    h1: {ansible_become: yes, flag: no, mode: 0644}\n");
        assertThat(inv.hosts().get("h1").vars()).containsEntry("ansible_become", true)
                .containsEntry("flag", false).containsEntry("mode", 420); // YAML 1.1 octal, as PyYAML
    }

    @Test
    void unknownGroupKeyIsLocated() {
        InputException e = failure("bad.yml", "all:\n  children:\n    pair:\n      host:\n        node1:\n");
        assertThat(e.getMessage()).startsWith(dir.resolve("bad.yml") + ":4:7: ")
                .contains("unknown key 'host' in group 'pair'", "expected hosts, vars or children");
    }

    @Test
    void hostsMustBeAMapping() {
        InputException e = failure("bad.yml", "all:\n  hosts:\n    - node1\n");
        assertThat(e.getMessage()).contains("bad.yml:3:5: ", "expected hosts of group 'all' to be a mapping");
    }

    @Test
    void shellMetacharactersInAnsibleHostAreRejected() {
        InputException e = failure("bad.yml", "all:\n  hosts:\n    node1:\n      ansible_host: \"x; rm -rf /\"\n");
        assertThat(e.getMessage()).contains("bad.yml:4:7: ", "ansible_host", "hostname or IP", "x; rm -rf /");
    }

    @Test
    void portOutOfRangeIsRejected() {
        InputException e = failure("bad.yml", "all:\n  vars:\n    ansible_port: 70000\n  hosts:\n    n1:\n");
        assertThat(e.getMessage()).contains("bad.yml:3:5: ", "ansible_port", "1 to 65535", "70000");
    }

    @Test
    void hostNameWithMetacharactersIsRejected() {
        InputException e = failure("bad.yml", "all:\n  hosts:\n    \"n1$(reboot)\":\n");
        assertThat(e.getMessage()).contains("bad.yml:3:5: ", "plain host name", "n1$(reboot)");
    }

    @Test
    void invalidYamlIsLocated() {
        InputException e = failure("bad.yml", "all:\n  hosts:\n    n1: {a: 1\n");
        assertThat(e.getMessage()).contains("bad.yml:4:", "invalid YAML");
    }

    @Test
    void duplicateKeyIsLocated() {
        InputException e = failure("bad.yml", "all:\n  hosts:\n    n1:\n    n1:\n");
        assertThat(e.getMessage()).contains("bad.yml:4:5: ", "duplicate key 'n1'");
    }

    @Test
    void groupCycleIsRejected() {
        InputException e = failure("bad.yml", """
                a:
                  children:
                    b:
                      children:
                        a:
                """);
        assertThat(e.getMessage()).contains("bad.yml:", "own ancestor");
    }

    @Test
    void formatIsDetectedByContentWithoutExtension() throws IOException {
        assertThat(load("hosts", LAB).hosts()).containsOnlyKeys("node1", "node2");
        assertThat(load("hosts2", "node1 ansible_port=2221\n").hosts()).containsOnlyKeys("node1");
    }

    @Test
    void hostPatterns() throws IOException {
        Inventory inv = load("inv.yml", """
                all:
                  hosts:
                    extra:
                  children:
                    pair:
                      hosts: {node1: , node2: }
                    web:
                      hosts: {www: , node2: }
                """);
        assertThat(names(inv.hostsMatching("all"))).containsExactly("extra", "node1", "node2", "www");
        assertThat(names(inv.hostsMatching("pair"))).containsExactly("node1", "node2");
        assertThat(names(inv.hostsMatching("node2"))).containsExactly("node2");
        assertThat(names(inv.hostsMatching("pair:web"))).containsExactly("node1", "node2", "www");
        assertThat(names(inv.hostsMatching("pair:!node1"))).containsExactly("node2");
        assertThat(names(inv.hostsMatching("pair:&web"))).containsExactly("node2");
        assertThat(names(inv.hostsMatching("!pair"))).containsExactly("extra", "www");
        assertThat(names(inv.hostsMatching("node*"))).containsExactly("node1", "node2");
        assertThatThrownBy(() -> inv.hostsMatching("pair:nodes"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no group or host named 'nodes'")
                .hasMessageContaining("groups: all, ungrouped, pair, web");
    }

    static java.util.List<String> names(java.util.List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }

    @Test
    void rangesPortsAndSingleNameSectionsAsAnsibleReadsThem() throws IOException {
        Inventory inv = load("inv.yml", """
                all:
                  children:
                    web:
                      hosts:
                        web[01:03:2]:2222:
                          tier: front
                    db:
                      hosts: db-[a:b]
                    solo:
                      hosts: lone
                """);
        assertThat(inv.groups().get("web")).containsExactly("web01", "web03");
        assertThat(inv.hosts().get("web03").port()).isEqualTo(2222);
        assertThat(inv.hosts().get("web03").vars()).containsEntry("tier", "front");
        assertThat(inv.groups().get("db")).containsExactly("db-a", "db-b");
        assertThat(inv.groups().get("solo")).containsExactly("lone");
    }

    /**
     * A plain YAML date is a date to Ansible (ansible-recorded/yaml-dates): templates here see its text, the
     * listing Ansible's date; one that names no day is refused where Ansible fails ("day is out of range").
     */
    @Test
    void aYamlDateIsItsTextToTemplatesAndADateToTheListingAndAnImpossibleOneIsRefused() throws IOException {
        Inventory inv = load("inv.yml", "all:\n  hosts:\n    h1:\n      when: 2024-01-02\n      quoted: '2024-01-02'\n");

        Host h1 = inv.hosts().get("h1");
        assertThat(h1.vars()).containsEntry("when", "2024-01-02").containsEntry("quoted", "2024-01-02");
        assertThat(h1.loaded()).containsOnlyKeys("when");
        assertThat(h1.loaded().get("when")).isEqualTo(dev.duet.yaml.YamlTimestamp.of("2024-01-02"));
        InputException e = failure("bad.yml", "all:\n  hosts:\n    h1:\n      when: 2024-02-30\n");
        assertThat(e.getMessage()).contains("bad.yml:4:13:", "day is out of range for month", "quote it");
    }

    /** As Ansible's add_host, which gives the port to a new host only (ansible-recorded/host-port-first-entry). */
    @Test
    void aPortOnALaterKeyOfTheSameHostIsIgnoredButAnAnsiblePortVariableCounts() throws IOException {
        Inventory inv = load("inv.yml", """
                all:
                  children:
                    g1:
                      hosts:
                        h1:
                        h3:2201:
                    g2:
                      hosts:
                        h1:2222:
                        h3:2202: {ansible_port: 2203}
                """);
        assertThat(inv.hosts().get("h1").vars()).doesNotContainKey("ansible_port");
        assertThat(inv.hosts().get("h3").port()).isEqualTo(2203);
    }

    @Test
    void yamlIntegersAreYaml11AsInPyYaml() throws IOException {
        Inventory inv = load("inv.yml", "all:\n  hosts:\n    h: {oct: 0644, hex: 0x1F, under: 1_000, text: '0644', nine: 09}\n");
        assertThat(inv.hosts().get("h").vars()).containsEntry("oct", 420).containsEntry("hex", 31)
                .containsEntry("under", 1000).containsEntry("text", "0644").containsEntry("nine", "09");
    }
}
