package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The link cut and healed without writes, as seen on DRBD 8.4 in the lab: a replication link cut and healed while both nodes
 * stayed Primary gives both a new data generation, and the handshake ends StandAlone on both ("Split-Brain
 * detected but unresolved") with 0 KiB out of sync on each side. Nothing diverged, so drbd_up reconnects
 * one node as the sync target of nothing instead of refusing; any write on either side keeps the refusal.
 */
class SplitWithoutWritesTest {
    private static final String PROC_STANDALONE = Captures.output("proc_drbd__disconnected_standalone__node2");
    private static final Map<String, Object> PAIR = Map.of("resource", "r0", "nodes",
            List.of(Map.of("name", "node1", "address", "10.99.0.1"), Map.of("name", "node2", "address", "10.99.0.2")));

    /** A StandAlone Primary whose /proc/drbd counts {@code oosKiB} written since the split. */
    private static ScriptedNode split(String name, long oosKiB) {
        return SplitPair.standAlone(name, "Primary", true).on("cat /proc/drbd", 0,
                PROC_STANDALONE.replace("ro:Secondary/", "ro:Primary/").replace("oos:0", "oos:" + oosKiB));
    }

    private static Step up() {
        return new DrbdUpModule(Fixtures.env()).bind(new Args("drbd_up", Map.of("resource", "r0"), null));
    }

    @Test
    void preflightLetsASplitWithoutWritesThroughAndSaysWhoHandlesIt() {
        var n1 = split("node1", 0);
        var n2 = split("node2", 0);
        Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PAIR, null));
        Check c = step.check(TestContext.pair("node1", false, n1, n2));
        assertThat(c.kind()).isEqualTo(Check.Kind.OK);
        assertThat(c.message()).contains("neither node wrote", "drbd_up reconnects it");
    }

    @Test
    void anyWriteOnEitherSideKeepsTheRefusal() {
        for (long[] oos : new long[][] {{0, 4}, {4, 0}}) {
            var n1 = split("node1", oos[0]);
            var n2 = split("node2", oos[1]);
            Step step = new DrbdPreflightModule(Fixtures.env()).bind(new Args("drbd_preflight", PAIR, null));
            assertThatThrownBy(() -> step.check(TestContext.pair("node1", false, n1, n2)))
                    .isInstanceOf(DuetException.class).hasMessageContaining("split brain on r0")
                    .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN);
            assertThatThrownBy(() -> up().check(TestContext.pair("node2", false, n1, n2)))
                    .isInstanceOf(DuetException.class)
                    .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN);
        }
    }

    @Test
    void lastHostReconnectsAsSyncTargetOfNothingAndIsPromotedBack() {
        var n1 = split("node1", 0);
        var n2 = split("node2", 0);
        AtomicReference<String> status = new AtomicReference<>(
                Captures.output(SplitPair.STANDALONE).replace("role:Secondary", "role:Primary"));
        n2.on(Fixtures.STATUS, c -> ScriptedNode.result(c, 0, status.get(), ""))
                .on("drbdadm secondary r0", c -> {
                    status.set(status.get().replace("role:Primary", "role:Secondary"));
                    return ScriptedNode.result(c, 0, "", "");
                })
                .on("drbdadm connect --discard-my-data r0", c -> {
                    status.set(Captures.output("drbdsetup_status_verbose__dual_primary__node1")
                            .replace("r0 role:Primary", "r0 role:Secondary"));
                    return ScriptedNode.result(c, 0, "", "");
                })
                .on("drbdadm primary r0", 0, "");
        var ctx = TestContext.pair("node2", false, n1, n2);
        Step step = up();
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(c.message()).contains("would reconnect r0 as sync target", "drbdadm secondary r0",
                "drbdadm connect --discard-my-data r0", "drbdadm primary r0", "neither node wrote", "nothing is discarded");
        assertThat(n2.mutatingCommands()).as("the check only looks").isEmpty();
        step.act(ctx, c);
        assertThat(n2.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm secondary r0",
                "drbdadm connect --discard-my-data r0", "drbdadm primary r0");
        assertThat(n1.mutatingCommands()).isEmpty();
    }

    @Test
    void theOtherNodeOnlyConnects() {
        var n1 = split("node1", 0);
        var n2 = split("node2", 0);
        AtomicReference<String> status = new AtomicReference<>(
                Captures.output(SplitPair.STANDALONE).replace("role:Secondary", "role:Primary"));
        n1.on(Fixtures.STATUS, c -> ScriptedNode.result(c, 0, status.get(), ""))
                .on("drbdadm connect r0", c -> {
                    status.set(Captures.output("drbdsetup_status_verbose__dual_primary__node1"));
                    return ScriptedNode.result(c, 0, "", "");
                });
        var ctx = TestContext.pair("node1", false, n1, n2);
        Step step = up();
        Check c = step.check(ctx);
        assertThat(c.message()).contains("would run `drbdadm connect r0`", "node2 reconnects as sync target");
        step.act(ctx, c);
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm connect r0");
    }

    /** node1 after its own reconnect: waiting for its peer (WFConnection), Primary, {@code oosKiB} written since the split. */
    private static ScriptedNode reconnected(String name, long oosKiB) {
        String status = Captures.output("drbdsetup_status_verbose__disconnected_peer_wfconnection__node1")
                .replace("out-of-sync:4", "out-of-sync:" + oosKiB);
        return SplitPair.connecting(name).on(Fixtures.STATUS, 0, status)
                .on("cat /proc/drbd", 0, PROC_STANDALONE.replace("cs:StandAlone", "cs:WFConnection")
                        .replace("ro:Secondary/", "ro:Primary/").replace("oos:0", "oos:" + oosKiB));
    }

    @Test
    void theSyncTargetStillReconnectsWhenItsPeerHasAlreadyDoneItsPart() {
        // both hosts' checks and acts run in parallel: node1's `drbdadm connect` may land before node2 looks
        var n1 = reconnected("node1", 0);
        var n2 = split("node2", 0);

        Check c = up().check(TestContext.pair("node2", false, n1, n2));

        assertThat(c.needsChange()).isTrue();
        assertThat(c.message()).contains("would reconnect r0 as sync target", "neither node wrote");
    }

    @Test
    void aWriteOnThePeerThatAlreadyReconnectedKeepsTheRefusal() {
        var n1 = reconnected("node1", 4);
        var n2 = split("node2", 0);

        assertThatThrownBy(() -> up().check(TestContext.pair("node2", false, n1, n2)))
                .isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN);
    }

    @Test
    void theInitialSyncIsLongDoneForASplitPairThatHoldsGoodDataOnBothSides() {
        var n1 = split("node1", 0);
        var n2 = split("node2", 0);
        Step step = new DrbdInitialSyncModule(Fixtures.env()).bind(new Args("drbd_initial_sync",
                Map.of("resource", "r0", "source", "node1"), null));
        Check c = step.check(TestContext.pair("node2", false, n1, n2));
        assertThat(c.kind()).isEqualTo(Check.Kind.OK);
        assertThat(c.message()).contains("already had its initial sync");
    }

    @Test
    void aSecondaryIsPreferredAsSyncTarget() {
        var n1 = split("node1", 0).on(Fixtures.STATUS, 0, Captures.output(SplitPair.STANDALONE));
        var n2 = split("node2", 0);
        Check c = up().check(TestContext.pair("node1", false, n1, n2));
        assertThat(c.message()).contains("would reconnect r0 as sync target")
                .doesNotContain("drbdadm secondary r0", "drbdadm primary r0");
    }

    @Test
    void aWriteBetweenCheckAndActStopsTheReconnectWithoutDiscarding() {
        var n1 = split("node1", 0);
        var n2 = split("node2", 0).on("drbdadm secondary r0", 0, "");
        var ctx = TestContext.pair("node2", false, n1, n2);
        Step step = up();
        Check c = step.check(ctx);
        n2.on("cat /proc/drbd", 0, PROC_STANDALONE.replace("oos:0", "oos:8"));
        assertThatThrownBy(() -> step.act(ctx, c)).isInstanceOf(DuetException.class)
                .hasMessageContaining("changed between the check and the reconnect").hasMessageContaining("nothing was discarded")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.SPLIT_BRAIN);
        assertThat(n2.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm secondary r0");
    }
}
