package dev.duet.cli;

import dev.duet.cluster.status.ClusterStatus;
import dev.duet.drbd.probe.LiveStatus;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.util.List;

/**
 * One node's answer to {@code duet status -i}: its DRBD status, OCFS2/GFS2 mounts and, where Pacemaker
 * is installed, the cluster as its crm_mon sees it ({@code cluster} null otherwise); or why there is
 * none ({@code error}: unreachable, host key, authentication, or no DRBD status interface answered).
 */
record NodeStatus(String node, LiveStatus.Result result, List<String> mounts, DuetException error,
                  ClusterStatus cluster) {
    NodeStatus {
        mounts = List.copyOf(mounts);
    }

    static NodeStatus of(LiveStatus.Result result, List<String> mounts) {
        return new NodeStatus(result.node(), result, mounts, null, null);
    }

    static NodeStatus failed(String node, DuetException error) {
        return new NodeStatus(node, null, List.of(), error, null);
    }

    NodeStatus withCluster(ClusterStatus status) {
        return new NodeStatus(node, result, mounts, error, status);
    }

    /** Could not be connected to (or authenticated against): exit 3, as for plan/apply. */
    boolean unreachable() {
        return error != null && error.reason().exitCode() == Reason.UNREACHABLE.exitCode();
    }

    /** The word in the table cell of a node without status. */
    String problem() {
        return unreachable() ? "unreachable" : "error";
    }
}
