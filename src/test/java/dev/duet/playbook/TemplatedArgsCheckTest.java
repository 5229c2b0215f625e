package dev.duet.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.drbd.steps.DrbdModules;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.RunOptions;
import dev.duet.engine.TemplatedArgsCheck;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.inventory.Inventory;
import dev.duet.inventory.InventoryLoader;
import dev.duet.ocfs2.Ocfs2Modules;
import dev.duet.step.ModuleRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplatedArgsCheckTest {
    private static final Path PLAYBOOK = Path.of("site.yml");
    private static final String YAML_INVENTORY = """
            all:
              vars:
                mount_point: /srv/shared
              children:
                pair:
                  vars:
                    group_resource: r0
                  hosts:
                    node1: {host_resource: r0}
                    node2: {host_resource: r0}
            """;

    private final ModuleRegistry modules = Ocfs2Modules.registerAll(DrbdModules.registerAll(new ModuleRegistry()));

    private static String playbook(String vars, String resourceArg) {
        return """
                - name: pair
                  hosts: pair
                  vars:
                %s
                  tasks:
                    - name: Bring the resource up
                      drbd_up:
                        resource: "%s"
                """.formatted(vars, resourceArg);
    }

    private void check(Path inventoryFile, String inventoryText, String playbookText, Map<String, Object> extra) {
        Inventory inventory = new InventoryLoader().parse(inventoryFile, inventoryText);
        Playbook playbook = new PlaybookLoader(modules).parse(PLAYBOOK, playbookText);
        RunOptions options = new RunOptions(true, false, Set.of(), Set.of(), extra);
        Plan plan = new Planner(modules, new PlaybookTemplating(inventory), inventory::hostsMatching)
                .plan(playbook, options);
        new TemplatedArgsCheck(inventory, extra).check(plan);
    }

    private InputException refused(Path inventoryFile, String inventoryText, String playbookText) {
        return assertThrows(InputException.class,
                () -> check(inventoryFile, inventoryText, playbookText, Map.of()));
    }

    @Test
    void playVarWithMetacharactersIsRefusedAtItsDefinition() {
        InputException e = refused(Path.of("inv.yml"), YAML_INVENTORY,
                playbook("    resource: \"r0;reboot\"", "{{ resource }}"));
        assertThat(e.reason()).isEqualTo(Reason.INPUT);
        assertThat(e.getMessage()).startsWith("site.yml:4:5: variable 'resource' is used by task 'Bring the resource up'")
                .containsPattern("\\(site\\.yml:\\d+:\\d+\\)").contains("argument 'resource'", "must be a plain name", "got 'r0;reboot'");
    }

    @Test
    void yamlHostVarIsRefusedAtTheHostLine() {
        String inventory = YAML_INVENTORY.replace("node2: {host_resource: r0}", "node2: {host_resource: \"r0 && reboot\"}");
        InputException e = refused(Path.of("inv.yml"), inventory, playbook("    unused: 1", "{{ host_resource }}"));
        assertThat(e.getMessage()).startsWith("inv.yml:10:17: variable 'host_resource'")
                .contains("on host node2", "got 'r0 && reboot'");
    }

    @Test
    void yamlGroupVarIsRefusedAtTheGroupVarsLine() {
        String inventory = YAML_INVENTORY.replace("group_resource: r0", "group_resource: \"$(reboot)\"");
        InputException e = refused(Path.of("inv.yml"), inventory, playbook("    unused: 1", "{{ group_resource }}"));
        assertThat(e.getMessage()).startsWith("inv.yml:7:9: variable 'group_resource'").contains("got '$(reboot)'");
    }

    @Test
    void iniHostAndGroupVarsAreRefusedAtTheirLines() {
        String ini = """
                [pair]
                node1 host_resource=r0
                node2 host_resource="r0|reboot"

                [pair:vars]
                group_device="/dev/drbd0 /dev/sda"
                """;
        InputException host = refused(Path.of("hosts.ini"), ini, playbook("    unused: 1", "{{ host_resource }}"));
        assertThat(host.getMessage()).startsWith("hosts.ini:3:7: variable 'host_resource'").contains("got 'r0|reboot'");

        String mount = """
                - hosts: pair
                  tasks:
                    - name: Mount
                      mount: {path: /srv, src: "{{ group_device }}", fstype: ocfs2}
                """;
        InputException group = refused(Path.of("hosts.ini"), ini, mount);
        assertThat(group.getMessage()).startsWith("hosts.ini:6:1: variable 'group_device'")
                .contains("argument 'src'", "got '/dev/drbd0 /dev/sda'");
    }

    @Test
    void aPlayVarBuiltFromAnotherVarIsRenderedBeforeTheCheck() {
        InputException e = refused(Path.of("inv.yml"), YAML_INVENTORY,
                playbook("    base: \"r0`id`\"\n    resource: \"{{ base }}\"", "{{ resource }}"));
        assertThat(e.getMessage()).startsWith("site.yml:4:5: variable 'base' (through variable 'resource' at site.yml:5:5)").contains("got 'r0`id`'");
    }

    @Test
    void extraVarsAreNamedAsSuch() {
        InputException e = assertThrows(InputException.class, () -> check(Path.of("inv.yml"), YAML_INVENTORY,
                playbook("    resource: r0", "{{ resource }}"), Map.of("resource", "r0;x")));
        assertThat(e.getMessage()).startsWith("extra variable (-e) 'resource'").contains("got 'r0;x'");
    }

    @Test
    void anExtraVarBehindDefaultIsNamedAsSuch() {
        String metadata = """
                - hosts: pair
                  tasks:
                    - name: Metadata
                      drbd_metadata: {resource: r0, wipe: "{{ drbd_wipe | default(false) }}"}
                """;
        InputException e = assertThrows(InputException.class, () -> check(Path.of("inv.yml"), YAML_INVENTORY,
                metadata, Map.of("drbd_wipe", "maybe")));
        assertThat(e.getMessage()).startsWith("extra variable (-e) 'drbd_wipe' is used by task 'Metadata'")
                .contains("argument 'wipe'", "got 'maybe'");
    }

    @Test
    void cleanValuesPass() {
        assertThatCode(() -> check(Path.of("inv.yml"), YAML_INVENTORY,
                playbook("    resource: r0", "{{ resource }}-{{ host_resource }}{{ group_resource }}"), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void valuesFromFactsAreLeftToBindTime() {
        assertThatCode(() -> check(Path.of("inv.yml"), YAML_INVENTORY,
                playbook("    resource: \"r0;{{ ansible_hostname }}\"", "{{ resource }}"), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void aTaskSkippedByWhenOnThatHostIsNotChecked() {
        String inventory = YAML_INVENTORY.replace("node2: {host_resource: r0}", "node2: {host_resource: \"r0;x\"}");
        String text = playbook("    unused: 1", "{{ host_resource }}") + "      when: inventory_hostname == 'node1'\n";
        assertThatCode(() -> check(Path.of("inv.yml"), inventory, text, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void aReplicationAddressReachedThroughHostvarsIsBlamedOnTheInventoryLine() {
        String inventory = """
                all:
                  children:
                    pair:
                      hosts:
                        node1: {replication_address: 10.99.0.1}
                        node2: {replication_address: "10.99.0.2;reboot"}
                """;
        String text = """
                - hosts: pair
                  vars:
                    pair:
                      - {name: node1, address: "{{ hostvars['node1'].replication_address }}", disk: /dev/vdb}
                      - {name: node2, address: "{{ hostvars['node2'].replication_address }}", disk: /dev/vdb}
                  tasks:
                    - name: Describe
                      drbd_resource:
                        resource: r0
                        device: /dev/drbd0
                        nodes: "{{ pair }}"
                """;
        InputException e = refused(Path.of("inv.yml"), inventory, text);
        assertThat(e.getMessage()).startsWith("inv.yml:6:17: variable 'replication_address' (through variable 'pair' at site.yml:3:5)")
                .contains("nodes[1].address must not contain spaces or shell metacharacters", "'10.99.0.2;reboot'");
    }

    @Test
    void aLiteralNodeHostWithMetacharactersIsRefusedByTheLoader() {
        String text = """
                - hosts: pair
                  tasks:
                    - name: Describe
                      drbd_resource:
                        resource: r0
                        device: /dev/drbd0
                        disk: /dev/vdb
                        nodes:
                          - {name: node1, address: 10.99.0.1}
                          - {name: node2, host: "node2$(id)", address: 10.99.0.2}
                """;
        InputException e = assertThrows(InputException.class, () -> new PlaybookLoader(modules).parse(PLAYBOOK, text));
        assertThat(e.getMessage()).startsWith("site.yml:").contains("nodes[1].host", "'node2$(id)'");
    }
}
