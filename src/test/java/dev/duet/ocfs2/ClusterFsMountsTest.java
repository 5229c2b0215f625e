package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.Captures;
import dev.duet.transport.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cluster filesystems' mounts, picked from {@code /proc/self/mounts} as status shows them. */
class ClusterFsMountsTest {
    private static CommandResult mounts(int exit, String stdout) {
        return new CommandResult(ClusterFsMounts.READ, exit, stdout, "", Duration.ZERO);
    }

    @Test
    void theLabsOcfs2MountIsTheOnlyOneAndItsDlmfsIsNot() {
        assertThat(ClusterFsMounts.parse(mounts(0, Captures.output("proc_self_mounts__ocfs2_mounted__node1"))))
                .containsExactly("/dev/drbd0 /srv/shared");
        assertThat(ClusterFsMounts.parse(mounts(0, Captures.output("proc_self_mounts__unmounted__node1")))).isEmpty();
    }

    @Test
    void gfs2CountsAndTheKernelsOctalEscapesAreDecoded() {
        String text = "/dev/vda / ext4 rw,noatime 0 0\n"
                + "/dev/drbd1 /srv/with\\040space gfs2 rw,relatime 0 0\n"
                + "/dev/drbd2 /srv/back\\134slash ocfs2 rw 0 0\n"
                + "gfs2.img /srv/gfs2 xfs rw 0 0\n";
        assertThat(ClusterFsMounts.parse(mounts(0, text)))
                .containsExactly("/dev/drbd1 /srv/with space", "/dev/drbd2 /srv/back\\slash");
    }

    @Test
    void aReadThatFailedShowsNoMounts() {
        assertThat(ClusterFsMounts.parse(mounts(1, "/dev/drbd0 /srv/shared ocfs2 rw 0 0\n"))).isEmpty();
    }
}
