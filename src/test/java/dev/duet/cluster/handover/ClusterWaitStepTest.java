package dev.duet.cluster.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** cluster_wait on crm_mon XML captured in the lab (and the status model's failure fixture). */
class ClusterWaitStepTest {
    private static final List<String> NODES = List.of("node1", "node2");

    /** The XML of a lab capture file (its header and rc trailer dropped). */
    static String capture(String file) {
        try {
            String text = Files.readString(Path.of("src/test/resources/cluster").resolve(file));
            int from = text.indexOf("<pacemaker-result");
            String end = "</pacemaker-result>";
            return text.substring(from, text.indexOf(end) + end.length()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClusterWaitStep handedOver(Duration timeout) {
        return new ClusterWaitStep(List.of("ms-drbd"), List.of("dlm-clone", "fs-clone"), true, NODES, timeout);
    }

    @Test
    void theLabsHealthyClusterIsOkAndNothingIsSent() {
        ScriptedNode node = new ScriptedNode("node1").on("crm_mon ", 0, capture("lab/crm_mon_xml__healthy__node1.txt"));

        Check check = TestContext.of(node).run(handedOver(Duration.ofSeconds(5)));

        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("ms-drbd Promoted; dlm-clone, fs-clone Started; STONITH enabled and Started"
                + " on node1 and node2");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aFailedActionIsCleanedUpThroughPacemakerThenTheWaitEndsOnParsedState() {
        String failed = capture("crm_mon__node2_offline_failed__provisional.xml");
        String healthy = capture("crm_mon__promoted_both__provisional.xml");
        AtomicInteger reads = new AtomicInteger();
        ScriptedNode node = new ScriptedNode("node1")
                .on("crm_mon ", c -> ScriptedNode.result(c, 0, reads.getAndIncrement() < 3 ? failed : healthy, ""))
                .on("crm_resource --cleanup", 0, "Cleaned up fs:0 on node1\n");
        ClusterWaitStep step = new ClusterWaitStep(List.of("drbd-clone"), List.of("dlm-clone", "fs-clone"), true, NODES,
                Duration.ofSeconds(30));

        Check plan = TestContext.of(node).checkMode(true).run(step);
        assertThat(plan.message()).contains("would clean up fs_monitor_20000 on node1", "node2 not online",
                "drbd-clone not Promoted on node2 (Stopped)");
        assertThat(node.mutatingCommands()).isEmpty();

        TestContext ctx = TestContext.of(node);
        ctx.run(step);

        assertThat(node.mutatingCommands()).extracting(c -> c.line()).containsExactly("crm_resource --cleanup --resource fs-clone");
        assertThat(ctx.done().message()).startsWith("cleaned up fs-clone through Pacemaker; drbd-clone Promoted");
        assertThat(node.commands()).noneMatch(c -> c.line().startsWith("drbdadm") || c.line().startsWith("mount"));
    }

    @Test
    void aTimeoutSaysWhatWasAwaitedAndWhatWasLastSeen() {
        ScriptedNode node = new ScriptedNode("node1").on("crm_mon ", 0, capture("lab/crm_mon_xml__healthy__node1.txt"));
        ClusterWaitStep step = new ClusterWaitStep(List.of("ms-drbd"), List.of("gfs-clone"), true, NODES, Duration.ofSeconds(1));

        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(step));

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("timed out after 1 s waiting for ms-drbd Promoted; gfs-clone Started",
                "last seen: gfs-clone not Started on node1 (no such resource)");
    }

    @Test
    void onAFreshNodePlanSaysWhatItWouldWaitFor() {
        ScriptedNode node = new ScriptedNode("node1").on("crm_mon ", 127, "", "sh: 1: crm_mon: not found\n");

        Check check = TestContext.of(node).checkMode(true).run(handedOver(Duration.ofSeconds(5)));

        assertThat(check.needsChange()).isTrue();
        assertThat(check.message()).contains("would wait until ms-drbd Promoted", "Pacemaker not installed");
        assertThat(node.mutatingCommands()).isEmpty();
    }
}
