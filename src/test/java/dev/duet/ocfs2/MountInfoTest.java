package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.CommandResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    private static CommandResult read(String stdout) {
        return ScriptedNode.result(MountInfo.READ, 0, stdout, "");
    }

    @Test
    void theLabTableParsesEveryLine() {
        String text = Ocfs2Captures.mountinfoMounted();
        List<MountInfo.Entry> table = MountInfo.parse(read(text)).orElseThrow();
        assertThat(table).hasSize((int) text.lines().count());
        assertThat(table).contains(new MountInfo.Entry("/", "/srv/shared", "ocfs2", "/dev/drbd0"),
                new MountInfo.Entry("/", "/", "ext4", "/dev/vda"),
                new MountInfo.Entry("/", "/proc/sys/fs/binfmt_misc", "autofs", "systemd-1"));
        assertThat(MountInfo.wholeFilesystemAt(read(text), "/srv/shared"))
                .contains(new MountInfo.Entry("/", "/srv/shared", "ocfs2", "/dev/drbd0"));
        assertThat(MountInfo.wholeFilesystemAt(read(Ocfs2Captures.mountinfoUnmounted()), "/srv/shared")).isEmpty();
    }

    @Test
    void optionalFieldsMayBeNoneOrSeveral() {
        assertThat(MountInfo.parse(read("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 - ext3 /dev/root rw\n"
                + "40 27 0:50 / /tmp/x rw - tmpfs none rw\n")).orElseThrow()).containsExactly(
                new MountInfo.Entry("/mnt1", "/mnt2", "ext3", "/dev/root"),
                new MountInfo.Entry("/", "/tmp/x", "tmpfs", "none"));
    }

    @Test
    void theKernelsOctalEscapesAreDecoded() {
        var e = MountInfo.parse(read("50 27 8:1 /a\\134b /srv/my\\040share\\011x\\012y rw - ext4 /dev/disk\\040one rw\n"))
                .orElseThrow().get(0);
        assertThat(e).isEqualTo(new MountInfo.Entry("/a\\b", "/srv/my share\tx\ny", "ext4", "/dev/disk one"));
        assertThat(MountInfo.wholeFilesystemAt(read("50 27 8:1 / /srv/my\\040share rw - ext4 /dev/vdc rw\n"),
                "/srv/my share")).isPresent();
    }

    @Test
    void aMalformedLineMakesTheWholeTableUnknown() {
        String good = Ocfs2Captures.mountinfoMounted();
        for (String bad : List.of("garbage", "213 27 147:0 / /srv/shared rw,noatime", "213 27 147:0 / /srv/shared rw - ocfs2",
                "x 27 147:0 / /srv/shared rw - ocfs2 /dev/drbd0 rw", "213 27 147 / /srv/shared rw - ocfs2 /dev/drbd0 rw",
                "213 27 147:0 / srv rw - ocfs2 /dev/drbd0 rw", "213 27 147:0 / /srv/shared rw - ocfs2 /dev/drbd0 rw extra")) {
            assertThat(MountInfo.parse(read(good + bad + "\n"))).as(bad).isEmpty();
            assertThat(MountInfo.wholeFilesystemAt(read(good + bad + "\n"), "/srv/shared")).as(bad).isEmpty();
        }
    }

    @Test
    void aFailedReadIsUnknown() {
        var failed = ScriptedNode.result(MountInfo.READ, 1, "", "cat: /proc/self/mountinfo: Permission denied\n");
        assertThat(MountInfo.parse(failed)).isEmpty();
        assertThat(MountInfo.parse(read(""))).contains(List.of());
    }

    @Test
    void onlyOneWholeFilesystemAtTheLiteralPathAnswers() {
        String line = "213 27 147:0 / /srv/shared rw - ocfs2 /dev/drbd0 rw\n";
        assertThat(MountInfo.wholeFilesystemAt(read(line), "/srv/shared")).isPresent();
        assertThat(MountInfo.wholeFilesystemAt(read(line), "/srv/shared/")).as("not resolved").isEmpty();
        assertThat(MountInfo.wholeFilesystemAt(read(line.replace(" / /srv", " /sub /srv")), "/srv/shared"))
                .as("bind mount of a subdirectory").isEmpty();
        assertThat(MountInfo.wholeFilesystemAt(read(line + "300 213 0:50 / /srv/shared rw - tmpfs tmpfs rw\n"),
                "/srv/shared")).as("stacked").isEmpty();
        assertThat(MountInfo.wholeFilesystemAt(read("27 1 254:0 / / rw - ext4 /dev/root rw\n"), "/"))
                .as("libmount resolves /dev/root").isEqualTo(Optional.empty());
    }
}
