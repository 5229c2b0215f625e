package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FilesystemStepTest {
    private static final String BLKID = BlockSignature.command("/dev/drbd0").line();
    private static final String EXT4 = "DEVNAME=/dev/drbd0\nUUID=0b1c0d52-5f0e-4a8e-9b4e-2f1f1e7f4c11\n"
            + "BLOCK_SIZE=4096\nTYPE=ext4\nUSAGE=filesystem\n";

    private static Step step(String label) {
        return new FilesystemModule().bind(new Args("filesystem",
                Map.of("dev", "/dev/drbd0", "fstype", "ocfs2", "label", label), null));
    }

    private static Step step() {
        return step("test");
    }

    private static void assertUntouched(ScriptedNode node) {
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void blankDeviceIsFormattedOnce() {
        AtomicBoolean formatted = new AtomicBoolean(false);
        ScriptedNode node = new ScriptedNode("node1")
                .on(BLKID, c -> formatted.get() ? ScriptedNode.result(c, 0, Ocfs2Captures.blkidExportOcfs2(), "")
                        : ScriptedNode.result(c, 2, "", ""))
                .on("mkfs.ocfs2", c -> {
                    formatted.set(true);
                    return ScriptedNode.result(c, 0, Ocfs2Captures.output("mkfs_ocfs2__node1.txt",
                            "$ mkfs.ocfs2 -N 2 -L test /dev/drbd0"), "");
                });
        var ctx = TestContext.apply(node);
        Check check = step().check(ctx);
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).contains("mkfs.ocfs2 -N 2 -L test /dev/drbd0");
        assertThat(step().act(ctx, check))
                .isEqualTo(Done.changed("created OCFS2 on /dev/drbd0: mkfs.ocfs2 -N 2 -L test /dev/drbd0"));
        assertThat(node.mutatingCommands()).extracting(Command::line)
                .containsExactly("mkfs.ocfs2 -N 2 -L test /dev/drbd0");
        assertThat(step().check(ctx).kind()).as("re-run sees the new filesystem").isEqualTo(Check.Kind.OK);
    }

    @Test
    void existingOcfs2IsKeptAndMkfsSkipped() {
        ScriptedNode node = new ScriptedNode("node1").on(BLKID, 0, Ocfs2Captures.blkidExportOcfs2());
        var ctx = TestContext.apply(node);
        Check check = step().check(ctx);
        assertThat(check.kind()).isEqualTo(Check.Kind.OK);
        assertThat(check.message()).isEqualTo("/dev/drbd0 already OCFS2, label 'test'; mkfs skipped");
        assertThat(ctx.warnings()).isEmpty();
        assertUntouched(node);
    }

    @Test
    void existingOcfs2WithAnotherLabelIsKeptWithAWarning() {
        ScriptedNode node = new ScriptedNode("node1").on(BLKID, 0, Ocfs2Captures.blkidExportOcfs2());
        var ctx = TestContext.apply(node);
        assertThat(step("shared").check(ctx).kind()).isEqualTo(Check.Kind.OK);
        assertThat(ctx.warnings()).singleElement().asString().contains("label 'test'", "says 'shared'");
        assertUntouched(node);
    }

    @Test
    void ext4IsRefusedInPlanAndInApply() {
        for (boolean plan : new boolean[] {true, false}) {
            ScriptedNode node = new ScriptedNode("node1").on(BLKID, 0, EXT4);
            var ctx = plan ? TestContext.plan(node) : TestContext.apply(node);
            assertThatThrownBy(() -> step().check(ctx))
                    .isInstanceOf(DuetException.class)
                    .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.REFUSED))
                    .hasMessageContaining("node1: /dev/drbd0 already carries ext4")
                    .hasMessageContaining("never reformats");
            assertThatThrownBy(() -> step().act(ctx, Check.change("stale")))
                    .isInstanceOf(DuetException.class).hasMessageContaining("ext4");
            assertUntouched(node);
        }
    }

    @Test
    void partitionTableIsRefusedToo() {
        ScriptedNode node = new ScriptedNode("node1").on(BLKID, 0, "DEVNAME=/dev/drbd0\nPTUUID=1a2b\nPTTYPE=gpt\n");
        assertThatThrownBy(() -> step().check(TestContext.apply(node)))
                .isInstanceOf(DuetException.class).hasMessageContaining("partition table gpt");
        assertUntouched(node);
    }

    @Test
    void planBeforeDrbdIsUpSaysWouldChangeAndTouchesNothing() {
        ScriptedNode node = new ScriptedNode("node1")
                .on(BLKID, 2, "", "blkid: error: /dev/drbd0: No such file or directory");
        Check check = step().check(TestContext.plan(node));
        assertThat(check.kind()).isEqualTo(Check.Kind.CHANGE);
        assertThat(check.message()).contains("cannot be probed yet", "No such file");
        assertUntouched(node);
    }

    @Test
    void unreadableSecondaryIsNotMistakenForBlank() {
        ScriptedNode node = new ScriptedNode("node1")
                .on(BLKID, 2, "", "blkid: error: /dev/drbd0: Wrong medium type");
        var ctx = TestContext.apply(node);
        assertThatThrownBy(() -> step().check(ctx))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("Wrong medium type").hasMessageContaining("Primary");
        assertThatThrownBy(() -> step().act(ctx, Check.change("stale"))).isInstanceOf(DuetException.class);
        assertUntouched(node);
    }

    @Test
    void mkfsFailureSpeaksForItself() {
        ScriptedNode node = new ScriptedNode("node1").on(BLKID, 2, "")
                .on("mkfs.ocfs2", 1, "", "mkfs.ocfs2: Unable to access cluster service");
        assertThatThrownBy(() -> step().act(TestContext.apply(node), Check.change("x")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Unable to access cluster service");
    }

    @Test
    void argumentsAreCheckedAtLoadTime() {
        var where = new Args.Location(Path.of("play.yml"), 30, 9);
        var module = new FilesystemModule();
        assertThat(module.optionalArgs()).doesNotContain("force");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0;rm", "label", "x"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("play.yml:30:9");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "a".repeat(65)), where))
                .isInstanceOf(InputException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "x", "fstype", "ext4"), where))
                .isInstanceOf(InputException.class).hasMessageContaining("fstype");
        module.validate(Map.of("dev", "{{ drbd_device }}", "label", "a".repeat(64)), where);
        Step sized = module.bind(new Args("filesystem", Map.of("dev", "/dev/drbd0", "label", "data", "slots", 4,
                "block_size", "4K", "cluster_size", "64K"), null));
        assertThat(((FilesystemStep) sized).mkfs().line())
                .isEqualTo("mkfs.ocfs2 -N 4 -L data -b 4K -C 64K /dev/drbd0");
    }
}
