package dev.duet.output;

import dev.duet.cluster.status.ClusterMember;
import dev.duet.cluster.status.ClusterResource;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.cluster.status.FailedAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pacemaker's view beside DRBD's: members, each resource's role per node (clones side by side), the
 * STONITH resources and failed actions. Nodes that see the same cluster share one block; a partition
 * shows each side's view under its own heading.
 */
public final class ClusterTable {
    private ClusterTable() {
    }

    /** @param byNode each node's parsed crm_mon (nodes without Pacemaker left out); empty map → empty text */
    public static String render(Map<String, ClusterStatus> byNode) {
        Map<ClusterStatus, List<String>> views = new LinkedHashMap<>();
        byNode.forEach((node, status) -> views.computeIfAbsent(status, s -> new ArrayList<>()).add(node));
        StringBuilder b = new StringBuilder();
        views.forEach((status, nodes) -> b.append('\n').append(view(status, nodes)));
        return b.toString();
    }

    private static String view(ClusterStatus s, List<String> seenBy) {
        String who = "CLUSTER (as " + String.join(", ", seenBy) + " see" + (seenBy.size() == 1 ? "s" : "") + " it): ";
        if (!s.running()) {
            return who + "not running (" + s.problem() + ")\n";
        }
        StringBuilder b = new StringBuilder(who);
        b.append("members ").append(s.members().stream().map(m -> m.name() + " " + m.state())
                .collect(Collectors.joining(", ")));
        b.append("; DC ").append(s.dc() == null ? "none" : s.dc()).append(s.quorate() ? ", quorate" : ", NO QUORUM");
        b.append("; stonith-enabled=").append(s.stonithEnabled() == null ? "?" : s.stonithEnabled()).append('\n');
        List<String> nodes = nodes(s);
        var header = new ArrayList<String>(List.of("CLUSTER RESOURCE", "AGENT"));
        nodes.forEach(n -> header.add(n.toUpperCase(Locale.ROOT)));
        var table = new TextTable(header.toArray(String[]::new));
        for (ClusterResource r : s.resources()) {
            var cells = new ArrayList<Object>(List.of(r.id() + (r.promotable() ? " (promotable)" : "")
                    + (r.failed() ? " FAILED" : "") + (r.managed() ? "" : " unmanaged"), shortAgent(r)));
            Map<String, String> roles = r.rolesByNode();
            // A clone has a copy for every node; a primitive runs on one, and is "Stopped" only when on none.
            String elsewhere = r.kind() == ClusterResource.Kind.PRIMITIVE && !roles.isEmpty() ? "-" : "Stopped";
            nodes.forEach(n -> cells.add(roles.getOrDefault(n, elsewhere)));
            table.row(cells.toArray());
        }
        if (!table.isEmpty()) {
            b.append(table.render());
        }
        if (s.stonithResources().isEmpty()) {
            b.append("STONITH: no fencing resource configured\n");
        }
        for (FailedAction f : s.failures()) {
            b.append("FAILED ACTION: ").append(f.describe()).append(f.lastRcChange() == null ? "" : " at " + f.lastRcChange())
                    .append('\n');
        }
        return b.toString();
    }

    /** Members first, in crm_mon's order, then any other node a resource names. */
    private static List<String> nodes(ClusterStatus s) {
        Set<String> out = new LinkedHashSet<>(s.members().stream().map(ClusterMember::name).toList());
        s.resources().forEach(r -> out.addAll(r.rolesByNode().keySet()));
        return List.copyOf(out);
    }

    private static String shortAgent(ClusterResource r) {
        return r.agent() == null ? "-" : r.agent();
    }
}
