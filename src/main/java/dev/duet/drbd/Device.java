package dev.duet.drbd;

import java.util.List;
import java.util.Optional;

/**
 * One DRBD device (a volume of a resource, or a minor in /proc/drbd) as seen from the local node.
 * Values stay exactly as DRBD printed them (e.g. "UpToDate", "Primary", "Unknown"); null when the
 * format does not carry them. {@code outOfSyncKiB} and {@code sizeKiB} are null when not printed.
 * Steps ask the typed questions below instead of comparing DRBD's words themselves.
 */
public record Device(String resource, Integer minor, Integer volume, String role, String disk,
                     List<Peer> peers, Long outOfSyncKiB, Long sizeKiB) {
    public Device {
        peers = List.copyOf(peers);
    }

    public Optional<Peer> peer() {
        return peers.isEmpty() ? Optional.empty() : Optional.of(peers.get(0));
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

    /** A disk is attached (any disk state but Diskless; unknown when the format prints none). */
    public boolean hasDisk() {
        return disk != null && !"Diskless".equals(disk);
    }

    /** Holds data a sync made or kept good: UpToDate, Outdated or Consistent. */
    public boolean hasSyncedData() {
        return "UpToDate".equals(disk) || "Outdated".equals(disk) || "Consistent".equals(disk);
    }

    /** The peer connection is Connected (replication may be Established or a resync). */
    public boolean isConnected() {
        return peer().map(Peer::isConnected).orElse(false);
    }

    /** StandAlone: it will not connect by itself (disconnected by hand, or refused after a split brain). */
    public boolean isStandAlone() {
        return peer().map(Peer::isStandAlone).orElse(false);
    }

    /** Waiting for its peer after a connect (8.4's WFConnection). */
    public boolean isConnecting() {
        return peer().map(Peer::isConnecting).orElse(false);
    }

    /** Connected, and both this node's disk and the peer's UpToDate. */
    public boolean isUpToDateOnBoth() {
        return isUpToDate() && peer().map(p -> p.isConnected() && p.isUpToDate()).orElse(false);
    }

    /** No block written since the connection was lost (a known count of 0 KiB out of sync). */
    public boolean nothingOutOfSync() {
        return outOfSyncKiB != null && outOfSyncKiB == 0L;
    }

    /** The peer is Primary. */
    public boolean peerIsPrimary() {
        return peer().map(Peer::isPrimary).orElse(false);
    }

    /** A resync runs (or waits to run) with the peer. */
    public boolean isResyncing() {
        return peer().map(Peer::isResyncing).orElse(false);
    }
}
