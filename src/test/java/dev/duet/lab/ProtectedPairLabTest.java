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
 * The protected pair in CI, on real DRBD 8.4 under Pacemaker, corosync, DLM and SBD: fresh nodes → plan
 * touches nothing → apply → DRBD Promoted on both, DLM and the Filesystem Started on both, STONITH Started
 * (read independently: crm_mon's XML, /proc/drbd, a file written on each node read on the other); a
 * second apply changes nothing. Then the replication link is cut with OCFS2 mounted and written on both:
 * exactly one node is fenced, the survivor writes again, no split brain after the heal, the survivor's
 * writes are on both nodes, and an apply afterwards changes nothing. The longer scenarios (drift through
 * the cluster, a hard reset, GFS2) are {@link ClusterLabTest}'s.
 */
@Tag("lab-protected") // scripts/lab-tier runs it after the lab tier when CI's time budget leaves room
@ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectedPairLabTest {
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
    void linkCutFencesExactlyOneNodeWithoutSplitBrain() {
        pair.ensureSentinels();
        pair.linkCutFencesExactlyOne("ocfs2");
        pair.sentinelsIntact();
        var again = pair.duet("apply");
        assertThat(again.code()).as(again.out()).isZero();
        pair.assertNothingChanged(again.out());
    }
}
