package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.EngineEvent;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.RunOptions;
import dev.duet.engine.Runner;
import dev.duet.engine.StepResult;
import dev.duet.error.Reason;
import dev.duet.playbook.Playbook;
import dev.duet.testing.ScriptedNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code duet plan playbooks/dual-primary-pacemaker.yml} with the lab inventory on two fresh nodes where no
 * tool is installed yet (every probe answers "not found"): the real Runner and modules, scripted nodes.
 * Nothing mutating may reach a host, and the hand-over tasks say what they would do.
 */
class PacemakerPlanTest {
    private static ScriptedNode fresh(String name) {
        return ScriptedPairRun.withFacts(new ScriptedNode(name))
                .file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n")
                .on("uname -n", 0, name + "\n")
                .on("dpkg-query ", 1, "", "dpkg-query: no packages found matching drbd-utils\n")
                .on("cat /proc/drbd", 1, "", "cat: /proc/drbd: No such file or directory\n")
                .on("test -b /dev/vdb", 0, "")
                .on("blkid ", 2, "")
                .on("findmnt ", 1, "")
                .on("modinfo ", 1, "", "modinfo: ERROR: Module drbd not found.\n")
                .on("systemctl is-enabled", 1, "", "Failed to get unit file state: No such file or directory\n")
                .on("", 127, "", "sh: 1: not found\n");
    }

    @Test
    void planOnFreshNodesSendsNothingMutating() {
        Map<String, ScriptedNode> nodes = Map.of("node1", fresh("node1"), "node2", fresh("node2"));
        List<StepResult> results = new CopyOnWriteArrayList<>();
        Wiring wiring = new Wiring(PacemakerPlaybookLoadTest.LAB, false);
        Playbook playbook = wiring.playbook(PacemakerPlaybookLoadTest.PLAYBOOK);
        RunOptions options = RunOptions.check();
        Plan plan = new Planner(wiring.modules(), wiring.templating(), wiring.hostPattern()).plan(playbook, options);

        new Runner(host -> nodes.get(host.name()), wiring.templating(), event -> {
            if (event instanceof EngineEvent.HostDone done) {
                results.add(done.result());
            }
        }).run(plan, options);

        nodes.values().forEach(n -> assertThat(n.mutatingCommands()).as(n.name()).isEmpty());
        assertThat(results).noneMatch(r -> r.reason() == Reason.CHECK_MODE_VIOLATION);
        assertThat(results).as(results.toString()).noneMatch(r -> r.status() == dev.duet.engine.Status.FAILED);
        assertThat(results).filteredOn(r -> r.task().startsWith("Hand ") || r.task().startsWith("Wait until"))
                .as(results.toString()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.message()).containsAnyOf("would write", "would wait until"));
    }
}
