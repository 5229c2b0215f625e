package dev.duet.cluster;

/** One member of the corosync nodelist: its name (= uname -n), node id, ring0 and optional ring1 address. */
public record CorosyncNode(String name, int nodeId, String ring0, String ring1) {
}
