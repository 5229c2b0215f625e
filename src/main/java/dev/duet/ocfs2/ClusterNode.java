package dev.duet.ocfs2;

/** One node stanza of cluster.conf: its {@code uname -n}, IPv4 address on the replication link and number. */
public record ClusterNode(String name, String address, int number) {
}
