package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import dev.duet.transport.Command;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The filesystem module on Pacemaker's stack: OCFS2 with --cluster-stack=pcmk, and GFS2 with DLM locking. */
class ClusterFilesystemTest {
    private static final String BLKID = BlockSignature.command("/dev/drbd0").line();
    private static final String COROSYNC = "totem {\n    version: 2\n    cluster_name: duet\n}\n";
    private static final String GFS2 = "DEVNAME=/dev/drbd0\nLABEL=duet:data\nUUID=5a1f\nBLOCK_SIZE=4096\nTYPE=gfs2\n";
    private static final String OCFS2 = "DEVNAME=/dev/drbd0\nLABEL=data\nUUID=7c2e\nBLOCK_SIZE=4096\nTYPE=ocfs2\n";
    private static final Args.Location AT = new Args.Location(Path.of("pacemaker.yml"), 88, 11);

    private static Step step(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("dev", "/dev/drbd0", "label", "data"));
        values.putAll(extra);
        return new FilesystemModule().bind(new Args("filesystem", values, null));
    }

    /** A node whose device holds {@code onDisk} (blkid export text, "" = blank) and becomes {@code made} after mkfs. */
    private static ScriptedNode node(AtomicReference<String> onDisk, String made) {
        return new ScriptedNode("node1").file(CorosyncName.PATH, COROSYNC)
                .on(BLKID, c -> onDisk.get().isEmpty() ? ScriptedNode.result(c, 2, "", "")
                        : ScriptedNode.result(c, 0, onDisk.get(), ""))
                .on("mkfs.", c -> {
                    onDisk.set(made);
                    return ScriptedNode.result(c, 0, "", "");
                });
    }

    private static TestContext pair(ScriptedNode node, boolean checkMode) {
        return TestContext.of(node).peer("node2", new ScriptedNode("node2")).checkMode(checkMode);
    }

    @Test
    void gfs2OnABlankDeviceGetsOneJournalPerNodeAndTheLockTableOnce() {
        AtomicReference<String> disk = new AtomicReference<>("");
        ScriptedNode node = node(disk, GFS2);
        Step gfs2 = step(Map.of("fstype", "gfs2", "cluster_name", "duet"));
        Check plan = pair(node, true).run(gfs2);
        assertThat(plan.message()).isEqualTo("would create GFS2 on /dev/drbd0: mkfs.gfs2 -O -p lock_dlm -t duet:data -j 2 /dev/drbd0");
        assertThat(node.mutatingCommands()).isEmpty();
        TestContext ctx = pair(node, false);
        ctx.run(gfs2);
        assertThat(ctx.done().message()).isEqualTo("created GFS2 on /dev/drbd0: mkfs.gfs2 -O -p lock_dlm -t duet:data -j 2 /dev/drbd0");
        Check again = pair(node, false).run(step(Map.of("fstype", "gfs2", "cluster_name", "duet")));
        assertThat(again.kind()).isEqualTo(Check.Kind.OK);
        assertThat(again.message()).isEqualTo("/dev/drbd0 already GFS2, label 'duet:data'; mkfs skipped");
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly(
                "mkfs.gfs2 -O -p lock_dlm -t duet:data -j 2 /dev/drbd0");
    }

    @Test
    void ocfs2OnThePacemakerStackNamesTheCorosyncCluster() {
        AtomicReference<String> disk = new AtomicReference<>("");
        ScriptedNode node = node(disk, OCFS2);
        TestContext ctx = pair(node, false);
        ctx.run(step(Map.of("cluster_stack", "pcmk", "cluster_name", "duet")));
        assertThat(node.mutatingCommands()).extracting(Command::line).containsExactly(
                "mkfs.ocfs2 --cluster-stack=pcmk --cluster-name=duet -N 2 -L data /dev/drbd0");
        assertThat(pair(node, false).run(step(Map.of("cluster_stack", "pcmk", "cluster_name", "duet"))).kind())
                .isEqualTo(Check.Kind.OK);
    }

    @Test
    void switchingTheFilesystemOnAFormattedPairIsRefusedAndNothingChanges() {
        AtomicReference<String> disk = new AtomicReference<>(OCFS2);
        ScriptedNode node = node(disk, GFS2);
        for (boolean plan : new boolean[] {true, false}) {
            assertThatThrownBy(() -> pair(node, plan).run(step(Map.of("fstype", "gfs2", "cluster_name", "duet"))))
                    .isInstanceOf(DuetException.class)
                    .satisfies(e -> assertThat(((DuetException) e).reason().exitCode()).isEqualTo(2))
                    .hasMessageContaining("/dev/drbd0 already carries ocfs2 (label 'data'), expected GFS2 or nothing;"
                            + " Duet never reformats a device");
        }
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aClusterNameOtherThanCorosyncsIsRefusedBeforeMkfs() {
        AtomicReference<String> disk = new AtomicReference<>("");
        ScriptedNode node = node(disk, GFS2);
        assertThatThrownBy(() -> pair(node, false).run(step(Map.of("fstype", "gfs2", "cluster_name", "other"))))
                .hasMessageContaining("corosync's cluster_name is 'duet' but the filesystem task says cluster_name 'other'");
        assertThat(node.mutatingCommands()).isEmpty();
        ScriptedNode unconfigured = new ScriptedNode("node1").on(BLKID, 2, "");
        assertThat(pair(unconfigured, true).run(step(Map.of("fstype", "gfs2", "cluster_name", "duet"))).needsChange())
                .as("plan on a fresh node: the corosync task before it would write corosync.conf").isTrue();
        assertThatThrownBy(() -> pair(unconfigured, false).run(step(Map.of("fstype", "gfs2", "cluster_name", "duet"))))
                .hasMessageContaining("no cluster_name in /etc/corosync/corosync.conf");
    }

    @Test
    void theLockTableIsCheckedAtLoadTime() {
        var module = new FilesystemModule();
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "data", "fstype", "gfs2",
                "fs_name", "x".repeat(31)), AT))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("pacemaker.yml:88:11: filesystem: argument 'fs_name' must be a GFS2 lock table"
                        + " name: 1-30 letters, digits, '-' or '_'");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "my.data", "fstype", "gfs2"), AT))
                .hasMessageContaining("argument 'label' must be a GFS2 lock table name");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "data", "fstype", "gfs2",
                "cluster_name", "duet:prod"), AT))
                .hasMessageContaining("argument 'cluster_name' must be corosync's cluster_name");
        assertThatThrownBy(() -> module.validate(Map.of("dev", "/dev/drbd0", "label", "data", "journals", 0), AT))
                .hasMessageContaining("argument 'journals' must be 1-64");
        assertThatThrownBy(() -> module.bind(new Args("filesystem", Map.of("dev", "/dev/drbd0", "label", "data",
                "fstype", "gfs2"), AT))).hasMessageContaining("argument 'cluster_name' is required");
        module.validate(Map.of("dev", "/dev/drbd0", "label", "data", "fstype", "{{ cluster_fs }}",
                "cluster_name", "{{ cluster_name }}"), AT);
    }

    @Test
    void explicitJournalsWin() {
        Step s = step(Map.of("fstype", "gfs2", "cluster_name", "duet", "fs_name", "shared", "journals", 3));
        assertThat(((FilesystemStep) s).mkfs().line()).isEqualTo("mkfs.gfs2 -O -p lock_dlm -t duet:shared -j 3 /dev/drbd0");
    }
}
