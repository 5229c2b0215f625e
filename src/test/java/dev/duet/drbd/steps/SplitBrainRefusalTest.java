package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every DRBD step that could act on a split pair refuses with SPLIT_BRAIN, explaining both nodes, changing nothing. */
class SplitBrainRefusalTest {
    private static final Map<String, Object> PREFLIGHT = Map.of("resource", "r0", "nodes",
            List.of(Map.of("name", "node1", "address", "10.99.0.1"), Map.of("name", "node2", "address", "10.99.0.2")));

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Step step, TestContext ctx) {
        return assertThatThrownBy(() -> step.check(ctx)).isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN))
                .hasMessageContaining("split brain on r0").hasMessageContaining("node1 [")
                .hasMessageContaining("node2 [").hasMessageContaining("duet recover --discard NODE");
    }

    private static void untouched(ScriptedNode... nodes) {
        for (ScriptedNode n : nodes) {
            assertThat(n.mutatingCommands()).as(n.name()).isEmpty();
            assertThat(n.writes()).as(n.name()).isEmpty();
        }
    }

    @Test
    void preflightRefusesBothStandAloneAndUpToDate() {
        var n1 = SplitPair.standAlone("node1", "Primary", false);
        var n2 = SplitPair.standAlone("node2", "Secondary", false);
        Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PREFLIGHT, null));
        refused(step, TestContext.pair("node1", false, n1, n2)).hasMessageContaining("StandAlone");
        untouched(n1, n2);
    }

    @Test
    void preflightRefusesOnKernelEvidenceWhenThePeerStillWaits() {
        var n1 = SplitPair.connecting("node1");
        var n2 = SplitPair.standAlone("node2", "Primary", true);
        Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PREFLIGHT, null));
        refused(step, TestContext.pair("node1", false, n1, n2)).hasMessageContaining("Split-Brain detected");
        untouched(n1, n2);
    }

    @Test
    void preflightIsOkOnAHealthyPairAndOnFreshNodes() {
        Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PREFLIGHT, null));
        var healthy = TestContext.pair("node1", false,
                Fixtures.node("node1", "drbdsetup_status_verbose__dual_primary__node1"),
                Fixtures.node("node2", "drbdsetup_status_verbose__dual_primary__node1"));
        assertThat(step.check(healthy).kind()).isEqualTo(Check.Kind.OK);
        var fresh = TestContext.pair("node2", true, Fixtures.node("node1", null), Fixtures.node("node2", null));
        assertThat(step.check(fresh).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void preflightRefusesAHostnameThatIsNotTheOnName() {
        var n1 = Fixtures.node("node1", null);
        var n2 = Fixtures.node("node2", null).on("uname -n", 0, "debian\n");
        Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PREFLIGHT, null));
        assertThatThrownBy(() -> step.check(TestContext.pair("node1", false, n1, n2)))
                .isInstanceOf(DuetException.class).hasMessageContaining("node2: `uname -n` is 'debian'")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
        untouched(n1, n2);
    }

    @Test
    void resourceStepRefusesInsteadOfAdjustingAStandAloneResource() {
        // On a StandAlone node `drbdadm -d adjust` proposes the missing connect: adjust would reconnect.
        var n1 = SplitPair.standAlone("node1", "Primary", false)
                .on("drbdadm -d adjust r0", 0, "drbdsetup-84 connect r0 ipv4:10.99.0.1:7789 ipv4:10.99.0.2:7789\n")
                .on("stat -c", 0, "644 root:root\n");
        var n2 = SplitPair.standAlone("node2", "Primary", false);
        Step step = new DrbdResourceModule(Fixtures.env())
                .bind(new Args("drbd_resource", DrbdResourceStepTest.args(), null));
        refused(step, TestContext.pair("node1", false, n1, n2));
        untouched(n1, n2);
    }

    @Test
    void upStepRefusesASplitPair() {
        var n1 = SplitPair.standAlone("node1", "Primary", false);
        var n2 = SplitPair.standAlone("node2", "Primary", false);
        Step step = new DrbdUpModule(Fixtures.env()).bind(new Args("drbd_up", Map.of("resource", "r0"), null));
        refused(step, TestContext.pair("node2", false, n1, n2));
        untouched(n1, n2);
    }

    @Test
    void oneStandAloneNodeWithoutEvidenceIsNotCalledASplitBrain() {
        var n1 = SplitPair.connecting("node1");
        var n2 = SplitPair.standAlone("node2", "Secondary", false);
        Step step = new DrbdUpModule(Fixtures.env()).bind(new Args("drbd_up", Map.of("resource", "r0"), null));
        // Disconnected by hand while the peer waits: not refused, reconnected (drift of the connection).
        Check c = step.check(TestContext.pair("node2", false, n1, n2));
        assertThat(c.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(c.message()).startsWith("would run `drbdadm connect r0` (StandAlone, no split brain");
        untouched(n1, n2);
    }
}
