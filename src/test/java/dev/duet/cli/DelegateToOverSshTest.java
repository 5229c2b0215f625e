package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delegate_to}: each play host's task executes on another inventory host, over that host's own
 * connection, with the play host's variables; the result is the play host's. In plan nothing mutating
 * reaches the delegate. Pair modules, unknown hosts, localhost and delegate_facts are refused at load.
 */
class DelegateToOverSshTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();
    private final FakeSshHost monitor = FakePair.emulateLinux(FakeSshHost.start("monitor"));

    @AfterEach
    void stop() {
        monitor.close();
    }

    private Path inventory() throws Exception {
        Map<String, Object> pairHosts = new LinkedHashMap<>();
        for (FakeSshHost h : pair.both()) {
            pairHosts.put(h.name(), h.inventoryVars());
        }
        Map<String, Object> children = new LinkedHashMap<>();
        children.put("pair", Map.of("hosts", pairHosts));
        children.put("monitors", Map.of("hosts", Map.of("monitor", monitor.inventoryVars())));
        Path file = dir.resolve("inventory.yml");
        new YAMLMapper().writeValue(file.toFile(), Map.of("all", Map.of("children", children)));
        return file;
    }

    private CliRun run(String command, String tasks) throws Exception {
        Path book = Files.writeString(dir.resolve("site.yml"), "- hosts: pair\n  gather_facts: false\n  tasks:\n" + tasks);
        return CliRun.of(command, "-i", inventory().toString(), book.toString());
    }

    private static final String MARK = """
                - name: Mark on the monitor
                  command:
                    cmd: touch /var/lib/duet/from-{{ inventory_hostname }}
                    creates: /var/lib/duet/from-{{ inventory_hostname }}
                  delegate_to: %s
                  register: marked
                - name: Result stays with the play host
                  debug:
                    msg: "{{ inventory_hostname }} marked={{ marked.changed }}"
            """;

    @Test
    void eachHostsTaskRunsOnTheDelegateWithItsOwnVariablesAndRegistersOnItself() throws Exception {
        CliRun run = run("apply", MARK.formatted("monitor"));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(monitor.commands()).contains("touch /var/lib/duet/from-node1", "touch /var/lib/duet/from-node2");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commands()).as(h.name()).noneMatch(c -> c.contains("/var/lib/duet/from-"));
            assertThat(run.recap(h.name(), "changed")).as(h.name()).isEqualTo(1);
            assertThat(run.out()).contains(h.name() + " marked=True");
        }
        assertThat(run.out().lines()).as("the recap has the play's hosts only").noneMatch(l -> l.startsWith("monitor "));
        assertThat(monitor.sessions()).as("one connection to the delegate for both hosts' tasks").isEqualTo(1);
    }

    @Test
    void aTemplatedDelegateIsResolvedPerHost() throws Exception {
        CliRun run = run("apply", MARK.formatted("\"{{ groups['monitors'][0] }}\""));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(monitor.commands()).contains("touch /var/lib/duet/from-node1", "touch /var/lib/duet/from-node2");
    }

    @Test
    void inPlanNothingMutatingReachesTheDelegate() throws Exception {
        CliRun run = run("plan", MARK.formatted("monitor") + """
                - name: Config on the monitor
                  copy:
                    dest: /etc/monitor/{{ inventory_hostname }}.conf
                    content: "watch {{ inventory_hostname }}\\n"
                  delegate_to: monitor
            """);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("TASK [Config on the monitor]");
        assertThat(monitor.commands()).as("only reads reached the delegate")
                .noneMatch(c -> c.startsWith("touch") || c.contains("mv -f") || c.contains("base64 -d"));
        assertThat(monitor.fileText("/etc/monitor/node1.conf")).isNull();
        assertThat(monitor.list("/tmp")).isEmpty();
    }

    @Test
    void aDelegateOutsideTheInventoryIsRefusedAtTheTaskNamingIt() throws Exception {
        CliRun run = run("apply", MARK.formatted("backup7"));

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:4:7", "delegate_to names 'backup7'", "not a host of the inventory");
        assertThat(List.of(pair.node1, pair.node2, monitor)).allSatisfy(h -> assertThat(h.sessions()).isZero());
    }

    @Test
    void localhostIsRefusedSayingDuetDoesNotRunTasksOnTheControlMachine() throws Exception {
        CliRun run = run("apply", MARK.formatted("localhost"));

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("site.yml:4:7", "'localhost'", "control machine");
    }

    @Test
    void aTemplateGivingAnUnknownHostIsRefused() throws Exception {
        CliRun run = run("apply", MARK.formatted("\"{{ inventory_hostname }}-peer\""));

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("delegate_to names 'node1-peer' (for node1)");
    }

    @Test
    void pairModulesDelegateFactsAndRunOnTogetherAreRefusedAtLoad() throws Exception {
        CliRun drbd = run("plan", """
                - drbd_wait: {resource: r0, connection: Connected}
                  delegate_to: monitor
            """);
        assertThat(drbd.exit()).as(drbd.toString()).isEqualTo(4);
        assertThat(drbd.err()).contains("site.yml:5:7", "'drbd_wait' cannot be delegated", "both nodes of a pair");

        CliRun facts = run("plan", """
                - command: uptime
                  delegate_to: monitor
                  delegate_facts: true
            """);
        assertThat(facts.exit()).as(facts.toString()).isEqualTo(4);
        assertThat(facts.err()).contains("site.yml:6:7", "delegate_facts is not supported");

        CliRun both = run("plan", """
                - command: uptime
                  run_on: node1
                  delegate_to: monitor
            """);
        assertThat(both.exit()).as(both.toString()).isEqualTo(4);
        assertThat(both.err()).contains("site.yml:6:7", "either run_on or delegate_to");
        assertThat(List.of(pair.node1, pair.node2, monitor)).allSatisfy(h -> assertThat(h.sessions()).isZero());
    }
}
