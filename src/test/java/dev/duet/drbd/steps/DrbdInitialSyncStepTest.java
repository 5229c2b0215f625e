package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DrbdInitialSyncStepTest {
    private final DrbdInitialSyncModule module = new DrbdInitialSyncModule(Fixtures.env());

    private dev.duet.step.Step step(String mode) {
        return module.bind(new Args("drbd_initial_sync", Map.of("resource", "r0", "mode", mode), null));
    }

    /** A node that is fresh until {@code cmd} runs, then UpToDate/UpToDate. */
    private static ScriptedNode freshUntil(String name, String cmd, AtomicBoolean done) {
        var n = Fixtures.node(name, null);
        n.on(Fixtures.STATUS, c -> ScriptedNode.result(c, 0, Captures.output(done.get()
                ? "drbdsetup_status_verbose__after_sync_primary_secondary__" + name
                : "drbdsetup_status_verbose__after_up__" + name), ""));
        return n.on(cmd, c -> {
            done.set(true);
            return ScriptedNode.result(c, 0, "", "");
        });
    }

    @Test
    void forcesTheFirstHostAndWaitsWithProgress() {
        var done = new AtomicBoolean();
        var n1 = freshUntil("node1", "drbdadm primary --force r0", done);
        var n2 = freshUntil("node2", "never", done);
        var ctx = TestContext.pair("node1", false, n1, n2);
        Check c = step("full").check(ctx);
        assertThat(c.message()).contains("force node1");
        assertThat(step("full").act(ctx, c)).isEqualTo(Done.changed(
                "forced node1 as sync source of r0; r0 is UpToDate/UpToDate"));
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm primary --force r0");
        assertThat(n2.mutatingCommands()).isEmpty();
        assertThat(ctx.progressReports()).isNotEmpty();
    }

    @Test
    void theTargetOnlyWaits() {
        var done = new AtomicBoolean(true);
        var n1 = freshUntil("node1", "never", done);
        var n2 = freshUntil("node2", "never", done);
        assertThat(step("full").act(TestContext.pair("node2", false, n1, n2), Check.change("x"))).isEqualTo(
                Done.changed("waited for the initial sync of r0 from node1: UpToDate/UpToDate"));
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void skipClearsTheBitmapOnFreshMetadata() {
        var done = new AtomicBoolean();
        var n1 = freshUntil("node1", "drbdadm new-current-uuid --clear-bitmap r0", done);
        var ctx = TestContext.pair("node1", false, n1, freshUntil("node2", "never", done));
        assertThat(step("skip").act(ctx, step("skip").check(ctx))).isEqualTo(Done.changed("declared r0 in sync "
                + "without copying (new-current-uuid --clear-bitmap on node1); r0 is UpToDate/UpToDate"));
        assertThat(n1.mutatingCommands()).extracting(Object::toString)
                .containsExactly("drbdadm new-current-uuid --clear-bitmap r0");
    }

    @Test
    void skipIsRefusedOverNonFreshMetadata() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__disconnected_peer_wfconnection__node1");
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__after_up__node2");
        assertThatThrownBy(() -> step("skip").check(TestContext.pair("node1", false, n1, n2)))
                .isInstanceOf(DuetException.class).hasMessageContaining("fresh metadata")
                .hasMessageContaining("node1 [role=Primary")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.REFUSED);
    }

    @Test
    void aRebootedNodeThatIsDownDoesNotMakeThePairLookFresh() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__disconnected_peer_wfconnection__node1");
        var n2 = Fixtures.node("node2", null);
        for (boolean checkMode : new boolean[] {true, false}) {
            Check c = step("full").check(TestContext.pair("node2", checkMode, n1, n2));
            assertThat(c.kind()).as("check mode %s", checkMode).isEqualTo(Check.Kind.OK);
            assertThat(c.message()).contains("already had its initial sync", "node1");
        }
        assertThat(n1.mutatingCommands()).isEmpty();
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void alreadyInSyncIsOkAndCheckModeTouchesNothing() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_sync_primary_secondary__node1");
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__after_sync_primary_secondary__node2");
        assertThat(step("full").check(TestContext.pair("node1", true, n1, n2)).kind()).isEqualTo(Check.Kind.OK);
        var f1 = Fixtures.node("node1", null);
        assertThat(step("full").check(TestContext.pair("node1", true, f1, Fixtures.node("node2", null)))
                .needsChange()).isTrue();
        assertThat(f1.mutatingCommands()).isEmpty();
    }
}
