package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A wanted DRBD state: every non-null field must equal what the node reports (DRBD 9 words: connection
 * Connected, replication Established, ...). The 8.x {@code cs:} word is mapped onto these by the parser.
 */
public record StateCondition(String connection, String role, String disk, String peerDisk, String peerRole,
                             String replication) {
    public static StateCondition connected() {
        return new StateCondition("Connected", null, null, null, null, null);
    }

    public static StateCondition upToDateBoth() {
        return new StateCondition("Connected", null, "UpToDate", "UpToDate", null, null);
    }

    public boolean test(Optional<Device> device) {
        if (device.isEmpty()) {
            return false;
        }
        Device d = device.get();
        Optional<Peer> p = d.peer();
        return matches(role, d.role()) && matches(disk, d.disk())
                && matches(connection, p.map(Peer::connection).orElse(null))
                && matches(replication, p.map(Peer::replication).orElse(null))
                && matches(peerDisk, p.map(Peer::disk).orElse(null))
                && matches(peerRole, p.map(Peer::role).orElse(null));
    }

    /** Whether the condition can only hold with the peer connected (so StandAlone means it never will). */
    public boolean needsPeer() {
        return connection != null || replication != null || peerDisk != null || peerRole != null;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "connection", connection);
        add(parts, "role", role);
        add(parts, "disk", disk);
        add(parts, "peer_disk", peerDisk);
        add(parts, "peer_role", peerRole);
        add(parts, "replication", replication);
        return parts.isEmpty() ? "resource up" : String.join(" ", parts);
    }

    private static void add(List<String> parts, String key, String value) {
        if (value != null) {
            parts.add(key + "=" + value);
        }
    }
}
