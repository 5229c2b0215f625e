package dev.duet.ocfs2;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Set;

/**
 * The cluster filesystems (OCFS2 and GFS2 alike) mounted on a host, as status shows them: picked from
 * every mount in {@code /proc/self/mounts}, because inside a status batch the shell reads that file itself
 * ({@link dev.duet.transport.ProbeBatch}) and no findmnt has to start.
 */
public final class ClusterFsMounts {
    /** Every mount of the host. */
    public static final Command READ = Command.probe("cat", "/proc/self/mounts");
    private static final Set<String> CLUSTER_FILESYSTEMS = Set.of("ocfs2", "gfs2");

    private ClusterFsMounts() {
    }

    /** The node's OCFS2 and GFS2 mounts as "SOURCE TARGET" lines. */
    public static List<String> of(Node node) {
        return parse(node.run(READ));
    }

    /** The cluster filesystems' lines of {@code /proc/self/mounts} as "SOURCE TARGET" (octal escapes decoded). */
    public static List<String> parse(CommandResult r) {
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().map(l -> l.strip().split(" "))
                .filter(f -> f.length >= 3 && CLUSTER_FILESYSTEMS.contains(f[2]))
                .map(f -> MountInfo.unescape(f[0]) + " " + MountInfo.unescape(f[1])).toList();
    }
}
