package dev.duet.ocfs2;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /etc/ocfs2/cluster.conf} as ocfs2-tools 1.8 writes and lists it ({@code o2cb list-cluster} in
 * the lab capture): stanza headers at column 0, attributes after exactly one tab, a blank line after
 * every stanza. The o2cb parser rejects space-indented attributes, hence the exact format.
 */
public record ClusterConf(String cluster, int port, List<ClusterNode> nodes) {
    public static final String PATH = "/etc/ocfs2/cluster.conf";

    public ClusterConf {
        nodes = List.copyOf(nodes);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        for (ClusterNode n : nodes) {
            out.append("node:\n");
            attr(out, "number", String.valueOf(n.number()));
            attr(out, "name", n.name());
            attr(out, "ip_address", n.address());
            attr(out, "ip_port", String.valueOf(port));
            attr(out, "cluster", cluster);
            out.append('\n');
        }
        out.append("cluster:\n");
        attr(out, "node_count", String.valueOf(nodes.size()));
        attr(out, "heartbeat_mode", "local");
        attr(out, "name", cluster);
        out.append('\n');
        return out.toString();
    }

    public List<String> nodeNames() {
        return nodes.stream().map(ClusterNode::name).toList();
    }

    public String describeNames() {
        return nodes.stream().map(ClusterNode::name).collect(Collectors.joining(", "));
    }

    private static void attr(StringBuilder out, String key, String value) {
        out.append('\t').append(key).append(" = ").append(value).append('\n');
    }
}
