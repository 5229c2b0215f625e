package dev.duet.drbd;

/**
 * The local node's view of one peer. {@code connection} uses DRBD 9's words (Connected, Connecting,
 * StandAlone, Disconnecting, ...); {@code replication} is Established, SyncSource, SyncTarget, ... or null
 * when not connected. {@code rawState} keeps the word as printed (8.x {@code cs:} value, e.g.
 * WFConnection). {@code syncPercent} is the progress figure as DRBD printed it (null when not syncing).
 * {@code etaSeconds} is the remaining sync time when the format prints one (/proc/drbd {@code finish:}).
 */
public record Peer(String name, String connection, String replication, String role, String disk,
                   Double syncPercent, String rawState, Long etaSeconds) {

    /** A peer without an ETA (every format but /proc/drbd while syncing). */
    public Peer(String name, String connection, String replication, String role, String disk,
                Double syncPercent, String rawState) {
        this(name, connection, replication, role, disk, syncPercent, rawState, null);
    }

    public boolean isConnected() {
        return "Connected".equals(connection);
    }

    /** Waiting for the peer to answer (8.4's WFConnection): connect was asked for, no handshake yet. */
    public boolean isConnecting() {
        return "Connecting".equals(connection);
    }

    public boolean isStandAlone() {
        return "StandAlone".equals(connection);
    }

    /** Connected with nothing to resync. */
    public boolean isEstablished() {
        return isConnected() && "Established".equals(replication);
    }

    public boolean isPrimary() {
        return "Primary".equals(role);
    }

    public boolean isSecondary() {
        return "Secondary".equals(role);
    }

    public boolean isUpToDate() {
        return "UpToDate".equals(disk);
    }

    public boolean isInconsistent() {
        return "Inconsistent".equals(disk);
    }

    /** SyncSource/SyncTarget, paused or not. */
    public boolean isSyncing() {
        return replication != null && (replication.startsWith("Sync") || replication.startsWith("PausedSync"));
    }

    /** Syncing, or exchanging bitmaps right before a resync. */
    public boolean isResyncing() {
        return isSyncing() || (replication != null && replication.startsWith("WFBitMap"));
    }
}
