package dev.duet.drbd;

import java.util.List;

/**
 * One DRBD device (a volume of a resource, or a minor in /proc/drbd) as seen from the local node.
 * Values stay exactly as DRBD printed them (e.g. "UpToDate", "Primary", "Unknown"); null when the
 * format does not carry them. {@code outOfSyncKiB} and {@code sizeKiB} are null when not printed.
 */
public record Device(String resource, Integer minor, Integer volume, String role, String disk,
                     List<Peer> peers, Long outOfSyncKiB, Long sizeKiB) {
    public Device {
        peers = List.copyOf(peers);
    }

    public java.util.Optional<Peer> peer() {
        return peers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(peers.get(0));
    }
}
