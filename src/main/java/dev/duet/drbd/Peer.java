package dev.duet.drbd;

/**
 * The local node's view of one peer. {@code connection} uses DRBD 9's words (Connected, Connecting,
 * StandAlone, Disconnecting, ...); {@code replication} is Established, SyncSource, SyncTarget, ... or null
 * when not connected. {@code rawState} keeps the word as printed (8.x {@code cs:} value, e.g.
 * WFConnection). {@code syncPercent} is the progress figure as DRBD printed it (null when not syncing).
 */
public record Peer(String name, String connection, String replication, String role, String disk,
                   Double syncPercent, String rawState) {
}
