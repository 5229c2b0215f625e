package dev.duet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on real DRBD, each from fresh VMs and during the initial sync (the longest wait of a
 * bootstrap): the run fails naming the node and the step, and a re-run converges to Primary/Primary with
 * OCFS2 mounted on both, after which nothing is left to change. Holds /tmp/duet-lab.lock (shared VMs).
 */
@Tag("lab")
@ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultLabTest {
    private static final String MNT = "/srv/shared";
    private static final String SYNC_TASK = "Initial sync";

    private final LabHarness lab = new LabHarness();

    @BeforeEach
    void freshPair() {
        lab.up();
        lab.lab("reset");
    }

    /**
     * SSH to node2 dies while Duet waits for the sync: its sessions are killed and sshd is stopped (a
     * transient systemd timer starts it again 40 s later), so Duet's one reconnect cannot help either.
     */
    @Test
    @Order(1)
    void sshKilledDuringTheSyncWaitFailsNamingNodeAndStepAndAReRunConverges() {
        var run = lab.duetInBackground(args("apply"));
        run.awaitOutput("\"event\":\"progress\"", Duration.ofMinutes(10));
        lab.ssh("node2", "systemd-run --quiet --on-active=40s systemctl start ssh.service"
                + " && systemctl stop ssh.socket ssh.service; pkill -KILL -f 'sshd: root@'");
        var failed = run.finish(Duration.ofMinutes(10));
        assertThat(failed.code()).as(failed.out()).isIn(2, 3);
        var events = RunEvents.parse(failed.out());
        assertThat(events.results()).filteredOn(r -> r.path("host").asText().equals("node2"))
                .filteredOn(r -> r.path("failed").asBoolean() || r.path("unreachable").asBoolean())
                .as(failed.out()).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.path("task").asText()).startsWith(SYNC_TASK);
                    assertThat(r.path("msg").asText()).contains("node2");
                });
        awaitSsh("node2");
        convergesAndStaysConverged();
    }

    /**
     * node2 is hard reset (QMP system_reset) mid-sync; it comes back and DRBD resumes the resync. Both
     * endings were seen and both are right: the run fails in the sync step (node2 unreachable when Duet's
     * one reconnect came too early), or the reconnect found node2 back up and the wait simply went on to
     * the end. Either way a re-run converges and the one after changes nothing.
     */
    @Test
    @Order(2)
    void hardResetOfNode2DuringTheInitialSyncThenAReRunConverges() {
        String boot = lab.sshOk("node2", "cat /proc/sys/kernel/random/boot_id").strip();
        var run = lab.duetInBackground(args("apply"));
        run.awaitOutput("\"event\":\"progress\"", Duration.ofMinutes(10));
        lab.lab("reboot", "node2");
        var first = run.finish(Duration.ofMinutes(10));
        var problems = RunEvents.parse(first.out()).results().stream()
                .filter(r -> r.path("failed").asBoolean() || r.path("unreachable").asBoolean()).toList();
        if (first.code() == 0) {
            System.out.println("[lab] the run rode out node2's reset (its reconnect found node2 back up)");
            assertThat(problems).as(first.out()).isEmpty();
        } else {
            assertThat(first.code()).as(first.out()).isIn(2, 3);
            assertThat(problems).as(first.out()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path("task").asText()).startsWith(SYNC_TASK));
        }
        lab.lab("wait", "node2");
        assertThat(lab.sshOk("node2", "cat /proc/sys/kernel/random/boot_id").strip()).as("node2 rebooted").isNotEqualTo(boot);
        convergesAndStaysConverged();
    }

    private void convergesAndStaysConverged() {
        var again = lab.duet(args("apply"));
        assertThat(again.code()).as(again.out()).isZero();
        for (String n : List.of("node1", "node2")) {
            assertThat(lab.sshOk(n, "cat /proc/drbd")).as(n).contains("cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate");
            assertThat(lab.sshOk(n, "findmnt -n -o FSTYPE " + MNT).strip()).as(n).isEqualTo("ocfs2");
        }
        lab.sshOk("node1", "echo from-node1 > " + MNT + "/fault-check && sync");
        assertThat(lab.sshOk("node2", "cat " + MNT + "/fault-check")).contains("from-node1");
        var converged = lab.duet(args("apply"));
        assertThat(converged.code()).as(converged.out()).isZero();
        var events = RunEvents.parse(converged.out());
        assertThat(events.modules("node1", "changed")).as(converged.out()).isEmpty();
        assertThat(events.modules("node2", "changed")).as(converged.out()).isEmpty();
    }

    private void awaitSsh(String node) {
        Awaitility.await(node + " answers SSH again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
                .until(() -> lab.ssh(node, "true").code() == 0);
    }

    private static String[] args(String verb) {
        return new String[] {verb, "--json", "-i", LabHarness.INVENTORY.toString(), LabHarness.PLAYBOOK.toString()};
    }
}
