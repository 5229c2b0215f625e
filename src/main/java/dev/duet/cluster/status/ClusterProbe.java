package dev.duet.cluster.status;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.Optional;

/**
 * Reads the cluster's state on one node, read-only. Empty when Pacemaker is not installed there
 * (no crm_mon); a crm_mon that answers but finds no running cluster gives a not-running status.
 */
public final class ClusterProbe {
    public static final Command CRM_MON = Command.probe("crm_mon", "--output-as=xml");
    public static final Command QUORUMTOOL = Command.probe("corosync-quorumtool", "-s");

    private ClusterProbe() {
    }

    public static Optional<ClusterStatus> read(Node node) {
        return parse(node.run(CRM_MON));
    }

    /** What {@link #read} makes of {@link #CRM_MON}'s answer (when it was asked together with other probes). */
    public static Optional<ClusterStatus> parse(CommandResult r) {
        if (notInstalled(r)) {
            return Optional.empty();
        }
        if (r.stdout().strip().startsWith("<")) {
            return Optional.of(CrmMonXml.parse(r.stdout()));
        }
        String why = (r.stderr() + " " + r.stdout()).strip();
        return Optional.of(ClusterStatus.notRunning(why.isEmpty() ? "crm_mon exited " + r.exitCode() : why));
    }

    /** corosync's membership on this node; empty when corosync is not installed or not running. */
    public static Optional<CorosyncMembership> membership(Node node) {
        CommandResult r = node.run(QUORUMTOOL);
        if (notInstalled(r) || !r.stdout().contains("Quorate:")) {
            return Optional.empty();
        }
        return Optional.of(CorosyncMembership.parse(r.stdout()));
    }

    static boolean notInstalled(CommandResult r) {
        return r.exitCode() == 127 || r.stderr().contains("command not found") || r.stderr().contains("No such file");
    }
}
