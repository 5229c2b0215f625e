package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdMetadataStepTest {
    private static final String BLKID = BlockSignature.command("/dev/vdb").line();
    private final DrbdMetadataModule module = new DrbdMetadataModule(Fixtures.env());

    private static ScriptedNode down(String blkidExit, String blkidOut) {
        return Fixtures.node("node1", null)
                .on("drbdadm dump-md r0", 255, "", Captures.output("drbdadm_dstate__unconfigured__node1"))
                .on("drbdadm sh-ll-dev r0", 0, "/dev/vdb\n")
                .on(BLKID, Integer.parseInt(blkidExit), blkidOut)
                .on("wipefs -a /dev/vdb", 0, "")
                .on("drbdadm create-md", 0, Captures.output("drbdadm_create-md__node1"));
    }

    private dev.duet.step.Step step(boolean wipe) {
        return module.bind(new Args("drbd_metadata", Map.of("resource", "r0", "disk", "/dev/vdb", "wipe", wipe), null));
    }

    @Test
    void createsMetadataOnABlankDeviceWithoutForce() {
        var n = down("2", "");
        var ctx = TestContext.pair("node1", false, n);
        Check c = step(false).check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(step(false).act(ctx, c)).isEqualTo(Done.changed("created DRBD metadata for r0 on /dev/vdb"));
        assertThat(n.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm create-md r0");
    }

    @Test
    void refusesCreateMdOverExt4WithoutWipe() {
        var n = down("0", "DEVNAME=/dev/vdb\nUUID=1234\nVERSION=1.0\nTYPE=ext4\nUSAGE=filesystem\n");
        var ctx = TestContext.pair("node1", false, n);
        assertThatThrownBy(() -> step(false).check(ctx)).isInstanceOf(DuetException.class)
                .hasMessageContaining("/dev/vdb").hasMessageContaining("ext4").hasMessageContaining("wipe: true")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.REFUSED);
        assertThat(n.mutatingCommands()).isEmpty();
    }

    @Test
    void wipeTrueWipesThenForcesCreateMd() {
        var n = down("0", "TYPE=ext4\n");
        var ctx = TestContext.pair("node1", false, n);
        assertThat(step(true).act(ctx, step(true).check(ctx))).isEqualTo(Done.changed(
                "wiped a ext4 signature (TYPE=ext4) from /dev/vdb (wipe: true) and created DRBD metadata for r0 on /dev/vdb"));
        assertThat(n.mutatingCommands()).extracting(Object::toString)
                .containsExactly("wipefs -a /dev/vdb", "drbdadm create-md --force r0");
    }

    @Test
    void existingMetadataIsLeftAlone() {
        var n = Fixtures.node("node1", null).on("drbdadm dump-md r0", 0, "# DRBD meta data dump\nversion \"v08\";\n");
        Check c = step(false).check(TestContext.pair("node1", false, n));
        assertThat(c.kind()).isEqualTo(Check.Kind.OK);
        assertThat(n.mutatingCommands()).isEmpty();
        var up = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1");
        assertThat(step(false).check(TestContext.pair("node1", false, up)).kind()).isEqualTo(Check.Kind.OK);
        assertThat(up.commands()).extracting(Object::toString).noneMatch(l -> l.contains("dump-md"));
    }

    @Test
    void checkModeOnAFreshNodeSaysWouldCreateAndRunsNothingMutating() {
        var n = Fixtures.node("node1", null).on("drbdadm dump-md r0", 127, "", "sh: drbdadm: not found")
                .on(BLKID, 2, "");
        Check c = step(false).check(TestContext.pair("node1", true, n));
        assertThat(c.needsChange()).isTrue();
        assertThat(c.message()).contains("would create");
    }

    @Test
    void unknownProbeAnswerIsAnErrorNotAGreenLight() {
        var n = Fixtures.node("node1", null).on("drbdadm dump-md r0", 255, "", "drbdmeta: cannot open /dev/vdb");
        assertThatThrownBy(() -> step(false).check(TestContext.pair("node1", false, n)))
                .hasMessageContaining("cannot open /dev/vdb");
    }

    /** A node whose blkid answers change from call to call (the device changes, or sudo starts failing). */
    private static ScriptedNode changing(List<ScriptedNode.Reply> blkid) {
        Deque<ScriptedNode.Reply> answers = new ArrayDeque<>(blkid);
        return Fixtures.node("node1", null)
                .on("drbdadm dump-md r0", 255, "", Captures.output("drbdadm_dstate__unconfigured__node1"))
                .on("drbdadm sh-ll-dev r0", 0, "/dev/vdb\n")
                .on(BLKID, c -> (answers.size() > 1 ? answers.poll() : answers.peek()).to(c))
                .on("wipefs -a /dev/vdb", 0, "")
                .on("drbdadm create-md", 0, Captures.output("drbdadm_create-md__node1"));
    }

    private static final ScriptedNode.Reply NOTHING = new ScriptedNode.Reply(2, "", "");
    private static final ScriptedNode.Reply EXT4 = new ScriptedNode.Reply(0, "TYPE=ext4\nUSAGE=filesystem\n", "");
    private static final ScriptedNode.Reply SUDO_ERROR = new ScriptedNode.Reply(1, "",
            "sudo: a terminal is required to read the password\n");

    private static void assertNothingDestroyed(ScriptedNode n) {
        assertThat(n.mutatingCommands()).extracting(Command::line)
                .noneMatch(l -> l.startsWith("wipefs")).noneMatch(l -> l.contains("--force"));
    }

    @Test
    void wipeFalseHoldsInTheActHalfWhenASignatureAppearsAfterTheCheck() {
        var n = changing(List.of(NOTHING, NOTHING, EXT4));
        var ctx = TestContext.pair("node1", false, n);
        Check c = step(false).check(ctx);
        assertThat(c.needsChange()).isTrue();
        try {
            step(false).act(ctx, c);
        } catch (DuetException refused) {
            assertThat(refused.reason()).isIn(Reason.REFUSED, Reason.PRECONDITION);
        }
        assertNothingDestroyed(n);
    }

    @Test
    void aFailedBlkidInTheActHalfIsUnknownNeverASignatureToWipe() {
        for (boolean wipe : new boolean[] {false, true}) {
            var n = changing(List.of(NOTHING, NOTHING, SUDO_ERROR));
            var ctx = TestContext.pair("node1", false, n);
            Check c = step(wipe).check(ctx);
            try {
                step(wipe).act(ctx, c);
            } catch (DuetException unknown) {
                assertThat(unknown.reason()).isEqualTo(Reason.PRECONDITION);
            }
            assertNothingDestroyed(n);
        }
    }

    @Test
    void aSignatureSeenOnlyByTheActHalfIsRefusedWithoutWipe() {
        var n = changing(List.of(NOTHING, EXT4));
        var ctx = TestContext.pair("node1", false, n);
        Check c = step(false).check(ctx);
        assertThatThrownBy(() -> step(false).act(ctx, c)).isInstanceOf(DuetException.class)
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.REFUSED);
        assertThat(n.mutatingCommands()).isEmpty();
    }

    @Test
    void aFailedBlkidIsUnknownInTheCheckHalfToo() {
        for (boolean wipe : new boolean[] {false, true}) {
            var n = changing(List.of(SUDO_ERROR));
            assertThatThrownBy(() -> step(wipe).check(TestContext.pair("node1", false, n)))
                    .isInstanceOf(DuetException.class).hasMessageContaining("a terminal is required")
                    .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
            assertThat(n.mutatingCommands()).isEmpty();
        }
    }

    @Test
    void blkidExit2WithAnErrorIsNotBlank() {
        var n = changing(List.of(new ScriptedNode.Reply(2, "", "blkid: error: /dev/vdb: Permission denied\n")));
        assertThatThrownBy(() -> step(false).check(TestContext.pair("node1", false, n)))
                .isInstanceOf(DuetException.class).hasMessageContaining("Permission denied")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(n.mutatingCommands()).isEmpty();
    }

    @Test
    void wipeClearsOnlyTheDeviceDrbdNamesAsBackingDisk() {
        var n = changing(List.of(EXT4)).on("drbdadm sh-ll-dev r0", 0, "/dev/vdc\n")
                .on("readlink -f", 0, "/dev/vdb\n/dev/vdc\n");
        var ctx = TestContext.pair("node1", false, n);
        assertThatThrownBy(() -> step(true).act(ctx, Check.change("stale"))).isInstanceOf(DuetException.class)
                .hasMessageContaining("/dev/vdc").hasMessageContaining("/dev/vdb")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.REFUSED);
        assertThat(n.mutatingCommands()).isEmpty();
        var unknown = changing(List.of(EXT4)).on("drbdadm sh-ll-dev r0", 10, "", "r0: not defined in your config\n");
        assertThatThrownBy(() -> step(true).act(TestContext.pair("node1", false, unknown), Check.change("stale")))
                .isInstanceOf(DuetException.class).hasMessageContaining("sh-ll-dev");
        assertThat(unknown.mutatingCommands()).isEmpty();
    }
}
