package dev.duet.drbd.parse;

import dev.duet.drbd.Device;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource being assembled from DRBD 9 style output (status text, JSON, events2): its volumes and its
 * connections with their per-volume peer devices. Volumes are keyed by the printed number, or "" when the
 * format leaves it out (a single-volume resource in {@code drbdadm status}).
 */
final class ResourceDraft {
    final String name;
    String role;
    final Map<String, Volume> volumes = new LinkedHashMap<>();
    final Map<String, Connection> connections = new LinkedHashMap<>();

    ResourceDraft(String name) {
        this.name = name;
    }

    static final class Volume {
        Integer volume;
        Integer minor;
        String disk;
        Long size;
    }

    static final class Connection {
        String name;
        String connection;
        String role;
        final Map<String, PeerVolume> peerVolumes = new LinkedHashMap<>();
    }

    static final class PeerVolume {
        Integer volume;
        String replication;
        String peerDisk;
        Double done;
        Long outOfSync;
        Long eta;
    }

    Volume volume(String key) {
        return volumes.computeIfAbsent(key, k -> {
            var v = new Volume();
            v.volume = Lines.intOrNull(k);
            return v;
        });
    }

    static PeerVolume peerVolume(Connection c, String key) {
        return c.peerVolumes.computeIfAbsent(key, k -> {
            var v = new PeerVolume();
            v.volume = Lines.intOrNull(k);
            return v;
        });
    }

    /**
     * The devices of this resource. {@code inferConnected}: the format leaves out {@code connection:} when
     * Connected and {@code replication:} when Established (DRBD 9's {@code drbdadm status}), so absence means
     * those; formats that always print them pass false.
     */
    List<Device> toDevices(boolean inferConnected) {
        // A resource line whose volume lines were lost still says something in text formats; in events2
        // and JSON a resource without volumes is a real state (created, no minor yet), not a device.
        if (volumes.isEmpty() && (role == null || !inferConnected)) {
            return List.of();
        }
        var keys = new ArrayList<>(volumes.keySet());
        if (keys.isEmpty()) {
            keys.add("");
        }
        var out = new ArrayList<Device>();
        for (String key : keys) {
            Volume v = volumes.getOrDefault(key, new Volume());
            var peers = new ArrayList<Peer>();
            Long oos = null;
            for (Connection c : connections.values()) {
                PeerVolume pv = match(c, key);
                peers.add(peer(c, pv, inferConnected));
                if (pv != null && pv.outOfSync != null) {
                    oos = oos == null ? pv.outOfSync : Math.max(oos, pv.outOfSync);
                }
            }
            out.add(new Device(name, v.minor, v.volume, role, v.disk, peers, oos, v.size));
        }
        return out;
    }

    private PeerVolume match(Connection c, String key) {
        PeerVolume pv = c.peerVolumes.get(key);
        if (pv == null && c.peerVolumes.size() == 1 && volumes.size() <= 1) {
            pv = c.peerVolumes.values().iterator().next();
        }
        return pv;
    }

    private static Peer peer(Connection c, PeerVolume pv, boolean inferConnected) {
        String connection = c.connection == null && inferConnected ? "Connected" : c.connection;
        String replication = pv == null ? null : pv.replication;
        if (replication == null && inferConnected && "Connected".equals(connection)) {
            replication = "Established";
        }
        Double percent = pv != null && pv.done != null ? pv.done : null;
        return new Peer(c.name, connection, replication, c.role, pv == null ? null : pv.peerDisk, percent, null,
                pv == null ? null : pv.eta);
    }
}
