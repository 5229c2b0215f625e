package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.inventory.InventoryLoader;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarsTest {
    static final Args.Location AT = new Args.Location(Path.of("site.yml"), 1, 3);

    final Inventory inventory = new InventoryLoader().parse(Path.of("lab.yml"), """
            all:
              vars: {shared: inv, overridden: inv}
              children:
                drbd_pair:
                  hosts:
                    node1: {replication_address: 192.168.77.1, listen: "{{ replication_address }}:7789"}
                    node2: {replication_address: 192.168.77.2, listen: "{{ replication_address }}:7789"}
            """);

    Play play(Map<String, Object> vars) {
        return new Play("p", "drbd_pair", vars, false, false, List.of(), AT);
    }

    Map<String, Object> varsOf(Play play, String host, Map<String, Map<String, Object>> facts) {
        return Vars.forHost(play, inventory, inventory.hosts().get(host), facts);
    }

    @Test
    void precedenceAsAnsibleRanksIt_inventoryFactsPlayThenExtraVars() {
        Play p = play(Map.of("overridden", "play", "from_play", "p", "ansible_hostname", "play", "by_e", "play",
                "uses_e", "{{ by_e }}"));
        Map<String, Map<String, Object>> facts = Map.of("node1", Map.of("ansible_hostname", "debian-1",
                "ansible_kernel", "6.1", "shared", "fact"), "node2", Map.of());
        Map<String, Object> v = Vars.forHost(p, inventory, inventory.hosts().get("node1"), facts, Map.of("by_e", "extra"));
        assertThat(v.get("shared")).as("a fact over the inventory").isEqualTo("fact");
        assertThat(v.get("ansible_kernel")).isEqualTo("6.1");
        assertThat(v.get("overridden")).isEqualTo("play");
        assertThat(v.get("ansible_hostname")).as("play vars over facts").isEqualTo("play");
        assertThat(v.get("by_e")).as("-e over play vars").isEqualTo("extra");
        assertThat(Templater.render("{{ uses_e }}", v, AT)).as("a play var reads the -e value").isEqualTo("extra");
        assertThat(((Map<?, ?>) ((Map<?, ?>) v.get("hostvars")).get("node2")).get("by_e")).as("hostvars carry -e")
                .isEqualTo("extra");
        assertThat(v.get("inventory_hostname")).isEqualTo("node1");
        assertThat(v.get("group_names")).isEqualTo(List.of("drbd_pair"));
        assertThat(v.get("groups")).isEqualTo(Map.of("all", List.of("node1", "node2"),
                "ungrouped", List.of(), "drbd_pair", List.of("node1", "node2")));
    }

    @Test
    void playVarsReferToOtherVarsAndFactsLazily() {
        Play p = play(Map.of(
                "peer", "{{ groups['drbd_pair'] | join(',') }}",
                "res_file", "/etc/drbd.d/{{ resource }}.res",
                "resource", "r{{ minor }}",
                "minor", 0,
                "broken_but_unused", "{{ nowhere }}",
                "me", "{{ ansible_hostname }}"));
        Map<String, Object> v = varsOf(p, "node1", Map.of("node1", Map.of("ansible_hostname", "debian-1")));
        assertThat(Templater.render("{{ res_file }} {{ peer }} {{ me }} {{ listen }}", v, AT))
                .isEqualTo("/etc/drbd.d/r0.res node1,node2 debian-1 192.168.77.1:7789");
    }

    @Test
    void hostvarsReachesThePeer() {
        Play p = play(Map.of());
        Map<String, Object> v = varsOf(p, "node1", Map.of("node2", Map.of("ansible_hostname", "debian-2")));
        assertThat(Templater.render("{{ hostvars['node2'].replication_address }} {{ hostvars.node2.listen }} "
                + "{{ hostvars.node2.ansible_hostname }}", v, AT))
                .isEqualTo("192.168.77.2 192.168.77.2:7789 debian-2");
    }

    @Test
    void factsAreNeverTemplated() {
        Map<String, Object> v = varsOf(play(Map.of()), "node1", Map.of("node1", Map.of("motd", "{{ evil }}")));
        assertThat(Templater.render("{{ motd }}", v, AT)).isEqualTo("{{ evil }}");
    }

    @Test
    void cycleIsReportedWithItsPath() {
        Play p = play(Map.of("a", "{{ b }}", "b", "x{{ a }}"));
        Map<String, Object> v = varsOf(p, "node1", Map.of());
        assertThatThrownBy(() -> Templater.render("{{ a }}", v, AT))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("site.yml:1:3: ")
                .hasMessageContaining("refers to itself: a -> b -> a");
    }

    @Test
    void undefinedInsideAPlayVarNamesTheVar() {
        Play p = play(Map.of("a", "{{ nope }}"));
        Map<String, Object> v = varsOf(p, "node1", Map.of());
        assertThatThrownBy(() -> Templater.render("{{ a }}", v, AT))
                .hasMessageContaining("undefined variable 'nope' (in variable 'a')");
    }

    @Test
    void singleHostFormWithoutInventory() {
        Host h = new Host("solo", Map.of("x", 1), List.of("all", "g"));
        Map<String, Object> v = Vars.forHost(play(Map.of("y", "{{ x }}")), h, Map.of("f", "fact"));
        assertThat(Templater.render("{{ y }} {{ f }} {{ hostvars.solo.x }} {{ groups.g }}", v, AT))
                .isEqualTo("1 fact 1 ['solo']");
    }

    @Test
    void knownNamesCoverInventoryPlayFactsAndMagic() {
        Play p = play(Map.of("resource", "r0"));
        assertThat(Vars.knownNames(p, inventory.hosts().get("node1"), List.of("ansible_hostname")))
                .contains("shared", "replication_address", "resource", "ansible_hostname", "hostvars", "groups",
                        "inventory_hostname");
    }
}
