package dev.duet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.drbd.DrbdStatus;
import dev.duet.error.Reason;
import dev.duet.output.ClusterJson;
import dev.duet.output.ClusterTable;
import dev.duet.output.PairStatusTable;
import dev.duet.output.StatusJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code duet status -i} shows for one moment: the pair table or JSON, and the exit code. */
record PairSnapshot(List<NodeStatus> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    PairSnapshot {
        nodes = List.copyOf(nodes);
    }

    /** 0 all answered; 2 a node answered without DRBD status; 3 a node unreachable (as plan/apply: failure wins). */
    int exitCode() {
        if (nodes.stream().anyMatch(n -> n.error() != null && !n.unreachable())) {
            return 2;
        }
        return nodes.stream().anyMatch(NodeStatus::unreachable) ? Reason.UNREACHABLE.exitCode() : 0;
    }

    /** The pair table, then one line per node: the interface read, or what went wrong. */
    String table() {
        Map<String, DrbdStatus> byNode = new LinkedHashMap<>();
        Map<String, List<String>> mounts = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        for (NodeStatus n : nodes) {
            byNode.put(n.node(), n.result() == null ? null : n.result().status());
            mounts.put(n.node(), n.mounts());
            if (n.error() != null) {
                unavailable.put(n.node(), n.problem());
                notes.append(n.node()).append(": ").append(n.problem().toUpperCase()).append(": ")
                        .append(n.error().getMessage()).append('\n');
            } else {
                notes.append(n.node()).append(": read via ").append(n.result().source().format().description())
                        .append('\n');
            }
        }
        Map<String, ClusterStatus> clusters = new LinkedHashMap<>();
        nodes.stream().filter(n -> n.cluster() != null).forEach(n -> clusters.put(n.node(), n.cluster()));
        return PairStatusTable.render(byNode, mounts, unavailable) + notes + ClusterTable.render(clusters);
    }

    /**
     * True when {@code other} shows the same as this one except for resync progress (percent, ETA,
     * out-of-sync figures): such a difference is redrawn at most once a second.
     */
    boolean sameBesidesProgress(PairSnapshot other) {
        return other != null && withoutProgress(json()).equals(withoutProgress(other.json()));
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutProgress(ObjectNode tree) {
        tree.findParents("syncPercent").forEach(p -> ((ObjectNode) p).remove("syncPercent"));
        return tree;
    }

    /**
     * {@code {"nodes": {"node1": <status contract object> + "source" + "mounts" + "cluster", "node2": {"error": ...}}}}:
     * {@code cluster} is Pacemaker's view from that node, null where Pacemaker is not installed;
     * a node without status has {@code "unreachable"} and {@code "error"} instead of the contract fields.
     */
    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("nodes");
        for (NodeStatus n : nodes) {
            if (n.error() != null) {
                all.putObject(n.node()).put("unreachable", n.unreachable()).put("error", n.error().getMessage());
                continue;
            }
            ObjectNode o = StatusJson.tree(n.result().status());
            o.put("source", n.result().source().format().id());
            var mounts = o.putArray("mounts");
            n.mounts().forEach(mounts::add);
            if (n.cluster() == null) {
                o.putNull("cluster");
            } else {
                o.set("cluster", ClusterJson.tree(n.cluster()));
            }
            all.set(n.node(), o);
        }
        return root;
    }
}
