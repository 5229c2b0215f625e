package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdDiscardStepTest {
    private final Step step = new DrbdDiscardModule(Fixtures.env()).bind(new Args("drbd_discard",
            Map.of("resource", "r0", "victim", "node2", "mount", "/srv/shared"), null));

    private static ScriptedNode mounted(ScriptedNode n, boolean mounted) {
        return n.on("findmnt -n -o SOURCE --mountpoint /srv/shared", mounted ? 0 : 1, mounted ? "/dev/drbd0\n" : "");
    }

    @Test
    void victimOfASplitBrainIsUnmountedDemotedAndReconnectedDiscardingItsData() {
        var n1 = SplitPair.standAlone("node1", "Primary", true);
        var n2 = mounted(SplitPair.standAlone("node2", "Primary", true), true)
                .on("umount /srv/shared", 0, "").on("drbdadm secondary r0", 0, "")
                .on("drbdadm connect --discard-my-data r0", 0, "");
        var ctx = TestContext.pair("node2", false, n1, n2);
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(c.message()).contains("split brain on r0", "node1 [", "node2 [", "kernel log",
                "umount /srv/shared", "drbdadm connect --discard-my-data r0");
        assertThat(step.act(ctx, c)).isEqualTo(Done.changed("discarded node2's changes to r0 since the split: "
                + "umount /srv/shared, drbdadm secondary r0, drbdadm connect --discard-my-data r0; it resyncs from its peer"));
        // StandAlone already: no disconnect; order is the manual split-brain procedure's.
        assertThat(n2.mutatingCommands()).extracting(Object::toString).containsExactly("umount /srv/shared",
                "drbdadm secondary r0", "drbdadm connect --discard-my-data r0");
        assertThat(n1.mutatingCommands()).isEmpty();
    }

    @Test
    void victimStillConnectingIsDisconnectedFirst() {
        var n1 = SplitPair.standAlone("node1", "Primary", true);
        var n2 = mounted(SplitPair.connecting("node2"), false)
                .on("drbdadm disconnect r0", 0, "").on("drbdadm secondary r0", 0, "")
                .on("drbdadm connect --discard-my-data r0", 0, "");
        var ctx = TestContext.pair("node2", false, n1, n2);
        Check c = step.check(ctx);
        assertThat(step.act(ctx, c).message()).isEqualTo("discarded node2's changes to r0 since the split: "
                + "drbdadm disconnect r0, drbdadm secondary r0, drbdadm connect --discard-my-data r0; it resyncs from its peer");
        assertThat(n2.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm disconnect r0",
                "drbdadm secondary r0", "drbdadm connect --discard-my-data r0");
    }

    @Test
    void survivorThatIsStandAloneIsReconnectedAndKeepsItsData() {
        var n1 = SplitPair.standAlone("node1", "Primary", true).on("drbdadm connect r0", 0, "");
        var n2 = SplitPair.connecting("node2");
        var ctx = TestContext.pair("node1", false, n1, n2);
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(step.act(ctx, c)).isEqualTo(Done.changed("ran `drbdadm connect r0` on node1 (it keeps its data)"));
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm connect r0");
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void checkModeDescribesThePlanAndRunsNothingMutating() {
        var n1 = SplitPair.standAlone("node1", "Primary", false);
        var n2 = mounted(SplitPair.standAlone("node2", "Primary", false), true);
        Check c = step.check(TestContext.pair("node2", true, n1, n2));
        assertThat(c.message()).contains("would discard node2's changes", "StandAlone");
        assertThat(n1.mutatingCommands()).isEmpty();
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void connectedPairHasNothingToDiscardOnEitherSide() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__dual_primary__node1");
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__dual_primary__node1");
        assertThat(step.check(TestContext.pair("node2", false, n1, n2)).kind()).isEqualTo(Check.Kind.OK);
        assertThat(step.check(TestContext.pair("node1", false, n1, n2)).kind()).isEqualTo(Check.Kind.OK);
        assertThat(n1.mutatingCommands()).isEmpty();
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void noStandAloneNodeIsNoSplitBrainAndIsRefused() {
        var n1 = SplitPair.connecting("node1");
        var n2 = mounted(SplitPair.connecting("node2"), true);
        assertThatThrownBy(() -> step.check(TestContext.pair("node2", false, n1, n2)))
                .isInstanceOf(DuetException.class).hasMessageContaining("nothing to recover on r0")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void victimWhoseResourceIsDownIsRefused() {
        var n1 = SplitPair.standAlone("node1", "Primary", true);
        var n2 = Fixtures.node("node2", null);
        assertThatThrownBy(() -> step.check(TestContext.pair("node2", false, n1, n2)))
                .isInstanceOf(DuetException.class).hasMessageContaining("node2: r0 is not up")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
    }

    @Test
    void victimMustBeAHostOfThePlay() {
        Step other = new DrbdDiscardModule(Fixtures.env()).bind(new Args("drbd_discard",
                Map.of("resource", "r0", "victim", "node9"), null));
        var ctx = TestContext.pair("node1", false, SplitPair.standAlone("node1", "Primary", true),
                SplitPair.standAlone("node2", "Primary", true));
        assertThatThrownBy(() -> other.check(ctx)).isInstanceOf(DuetException.class)
                .hasMessageContaining("victim 'node9' is not a host of this play")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.INPUT);
    }

    @Test
    void discardSyntaxFollowsTheDrbdVersion() {
        assertThat(DrbdCommands.connectDiscardingMyData(DrbdVersion.parse("8.4.11").withUtils("9.22.0"), "r0").line())
                .isEqualTo("drbdadm connect --discard-my-data r0");
        assertThat(DrbdCommands.connectDiscardingMyData(DrbdVersion.parse("9.2.4").withUtils("9.27.0"), "r0").line())
                .isEqualTo("drbdadm connect --discard-my-data r0");
        assertThat(DrbdCommands.connectDiscardingMyData(DrbdVersion.parse("8.3.16").withUtils("8.3.16"), "r0").line())
                .isEqualTo("drbdadm -- --discard-my-data connect r0");
    }
}
