package dev.duet.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /etc/corosync/corosync.conf} for a two-node cluster: knet with encryption, a nodelist on the
 * replication addresses (a second ring where every node has one), votequorum with {@code two_node: 1}.
 * One key per line: corosync's parser refuses a key after an opening brace.
 */
public record CorosyncConf(String clusterName, List<CorosyncNode> nodes, String cipher, String hash, Integer tokenMs) {
    public static final String PATH = "/etc/corosync/corosync.conf";
    static final String HEADER = "# Managed by duet: local changes are overwritten on the next apply.\n";
    private static final String I1 = "    ";
    private static final String I2 = I1 + I1;

    public CorosyncConf {
        nodes = List.copyOf(nodes);
    }

    public String render() {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("totem {\n");
        kv(b, I1, "version", "2");
        kv(b, I1, "cluster_name", clusterName);
        kv(b, I1, "transport", "knet");
        kv(b, I1, "crypto_cipher", cipher);
        kv(b, I1, "crypto_hash", hash);
        if (tokenMs != null) {
            kv(b, I1, "token", String.valueOf(tokenMs));
        }
        b.append("}\n\nnodelist {\n");
        for (CorosyncNode n : nodes) {
            b.append(I1).append("node {\n");
            kv(b, I2, "ring0_addr", n.ring0());
            if (n.ring1() != null) {
                kv(b, I2, "ring1_addr", n.ring1());
            }
            kv(b, I2, "name", n.name());
            kv(b, I2, "nodeid", String.valueOf(n.nodeId()));
            b.append(I1).append("}\n");
        }
        b.append("}\n\nquorum {\n");
        kv(b, I1, "provider", "corosync_votequorum");
        kv(b, I1, "two_node", "1");
        b.append("}\n\nlogging {\n");
        kv(b, I1, "to_logfile", "yes");
        kv(b, I1, "logfile", "/var/log/corosync/corosync.log");
        kv(b, I1, "to_syslog", "yes");
        kv(b, I1, "timestamp", "on");
        return b.append("}\n").toString();
    }

    public List<String> names() {
        return nodes.stream().map(CorosyncNode::name).toList();
    }

    public String describeNames() {
        return nodes.stream().map(CorosyncNode::name).collect(Collectors.joining(", "));
    }

    private static void kv(StringBuilder b, String indent, String key, String value) {
        b.append(indent).append(key).append(": ").append(value).append('\n');
    }
}
