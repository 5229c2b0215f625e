package dev.duet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The protected pair's longer scenarios (on request: {@code DUET_LAB_CLUSTER=1 scripts/lab-tier}; CI
 * runs {@link ProtectedPairLabTest}): a pair built as there, then drift repaired through the cluster
 * (Pacemaker stopped on a node, a failed resource action, sbd disabled), a hard reset of one node, then
 * the same pair with GFS2, a switch of filesystem refused, and a link cut with GFS2 mounted.
 */
@Tag("cluster-lab")
@ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLabTest {
    private final LabHarness lab = new LabHarness();
    private final ProtectedPair pair = new ProtectedPair(lab);

    @BeforeAll
    void start() {
        lab.up();
    }

    @Test
    @Order(1)
    void freshPairPlannedThenBuiltFencedAndConverged() {
        pair.freshPlannedThenBuilt(List.of(), "ocfs2");
    }

    @Test
    @Order(2)
    void driftThroughTheClusterIsPlannedRepairedAndThenClean() {
        lab.sshOk("node2", "systemctl stop pacemaker");
        pair.driftRepaired("pacemaker stopped on node2", "node2");

        lab.sshOk("node2", "crm_resource --fail --resource " + pair.drbdInstance("node2") + " --node node2");
        pair.awaitFailedAction();
        // the cleanup is cluster_wait's, a run_once task: it reports on the first host
        pair.driftRepaired("a failed resource action on node2", "node1");

        lab.sshOk("node2", "systemctl disable sbd");
        pair.driftRepaired("sbd disabled on node2", "node2");
        pair.sentinelsIntact();
    }

    @Test
    @Order(3)
    void hardResetOfOneNodeKeepsTheSurvivorServingAndTheNodeComesBack() {
        String boot2 = pair.bootId("node2");
        long t0 = System.nanoTime();
        lab.lab("reboot", "node2");
        double blocked = pair.awaitWrite("node1", "during-reset");
        System.out.printf("[lab timing] node1's writes blocked after node2's hard reset: %.1f s%n", blocked);
        lab.lab("wait", "node2");
        assertThat(pair.bootId("node2")).isNotEqualTo(boot2);
        String how = pair.awaitHealthyOrOneApply();
        System.out.printf("[lab] node2 back after a hard reset (%s) in %.0f s%n", how, (System.nanoTime() - t0) / 1e9);
        pair.assertDualPrimaryUpToDate();
        assertThat(lab.sshOk("node2", "cat " + ProtectedPair.MNT + "/during-reset")).contains("during-reset");
        pair.sentinelsIntact();
    }

    @Test
    @Order(4)
    void gfs2PairBuiltAndSwitchingTheFilesystemIsRefused() {
        pair.freshPlannedThenBuilt(List.of("-e", "cluster_fs=gfs2"), "gfs2");
        var plan = pair.duet("plan", "-e", "cluster_fs=gfs2");
        pair.assertNothingChanged(plan.out());

        var other = pair.duet("apply", "-e", "cluster_fs=ocfs2");
        assertThat(other.code()).as("switching GFS2 to OCFS2 is refused\n" + other.out()).isEqualTo(2);
        assertThat(RunEvents.parse(other.out()).messages("failed")).as(other.out()).isNotEmpty();
        for (String n : ProtectedPair.PAIR) {
            assertThat(lab.sshOk(n, "findmnt -n -o FSTYPE " + ProtectedPair.MNT).strip()).as(n).isEqualTo("gfs2");
        }
    }

    @Test
    @Order(5)
    void linkCutWithGfs2FencesExactlyOneNodeWithoutSplitBrain() {
        pair.ensureSentinels();
        pair.linkCutFencesExactlyOne("gfs2");
        pair.sentinelsIntact();
    }
}
