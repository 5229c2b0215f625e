package dev.duet.output;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Both nodes' view of each DRBD device side by side: one row per resource (or minor) and volume, one
 * ROLE/DISK column per node, then the connection as each node sees it, sync progress, ETA and mounts.
 */
public final class PairStatusTable {
    private PairStatusTable() {
    }

    /**
     * @param byNode        status per node name, in display order
     * @param mountsByNode  mounted filesystems per node as lines (e.g. "/dev/drbd0 /mnt/ocfs2 ocfs2"); a
     *                      line is shown for a device when it names {@code /dev/drbdMINOR}
     */
    public static String render(Map<String, DrbdStatus> byNode, Map<String, List<String>> mountsByNode) {
        return render(byNode, mountsByNode, Map.of());
    }

    /**
     * Like {@link #render(Map, Map)}, for a pair where some nodes gave no status: {@code byNode} maps them
     * to null and {@code unavailable} to the word shown in their column (e.g. "unreachable").
     */
    public static String render(Map<String, DrbdStatus> byNode, Map<String, List<String>> mountsByNode,
                                Map<String, String> unavailable) {
        List<String> nodes = new ArrayList<>(byNode.keySet());
        var header = new ArrayList<String>(List.of("RESOURCE"));
        nodes.forEach(n -> header.add(n.toUpperCase(Locale.ROOT) + " ROLE/DISK"));
        header.addAll(List.of("CONNECTION", "SYNC", "ETA", "MOUNTS"));
        var table = new TextTable(header.toArray(String[]::new));
        for (String key : keys(byNode)) {
            var cells = new ArrayList<Object>(List.of(key));
            var connections = new LinkedHashSet<String>();
            String sync = null;
            String eta = null;
            var mounts = new ArrayList<String>();
            for (String n : nodes) {
                Optional<Device> d = find(byNode.get(n), key);
                cells.add(d.map(x -> x.role() + "/" + x.disk()).orElse(unavailable.getOrDefault(n, "absent")));
                for (Peer p : d.map(Device::peers).orElse(List.of())) {
                    connections.add(n + ": " + p.connection() + (p.replication() == null ? "" : "/" + p.replication()));
                    Double percent = p.syncPercent() != null ? p.syncPercent()
                            : d.flatMap(x -> inSync(x, p)).orElse(null);
                    if (percent != null && sync == null) {
                        sync = String.format(Locale.ROOT, "%.1f%% (%s %s)", percent, n, p.replication());
                    }
                    if (p.etaSeconds() != null && eta == null) {
                        eta = hms(p.etaSeconds());
                    }
                }
                d.map(Device::minor).ifPresent(minor -> mountsByNode.getOrDefault(n, List.of()).stream()
                        .filter(m -> m.matches(".*/dev/drbd" + minor + "(\\s.*|$)"))
                        .forEach(m -> mounts.add(n + ":" + mountPoint(m))));
            }
            cells.add(connections.isEmpty() ? null : String.join(", ", connections));
            cells.add(sync);
            cells.add(eta);
            cells.add(mounts.isEmpty() ? null : String.join(" ", mounts));
            table.row(cells.toArray());
        }
        if (table.isEmpty()) {
            List<String> answered = nodes.stream().filter(n -> byNode.get(n) != null).toList();
            return answered.isEmpty() ? "no DRBD status from " + String.join(" or ", nodes) + "\n"
                    : "no configured DRBD devices on " + String.join(" or ", answered) + "\n";
        }
        return table.render();
    }

    /** Row keys: "r0", "r0/1" for volume 1 of a multi-volume resource, "minor 0" when no name is known. */
    private static Set<String> keys(Map<String, DrbdStatus> byNode) {
        var keys = new LinkedHashSet<String>();
        byNode.values().stream().filter(java.util.Objects::nonNull)
                .forEach(s -> s.devices().forEach(d -> keys.add(key(d))));
        return keys;
    }

    private static String key(Device d) {
        String base = d.resource() != null ? d.resource() : "minor " + d.minor();
        return d.volume() != null && d.volume() > 0 ? base + "/" + d.volume() : base;
    }

    private static Optional<Device> find(DrbdStatus s, String key) {
        return s == null ? Optional.empty() : s.devices().stream().filter(d -> key(d).equals(key)).findFirst();
    }

    private static String mountPoint(String mountLine) {
        String[] parts = mountLine.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("/dev/drbd")) {
                return i + 1 < parts.length && !parts[i + 1].equals("on") ? parts[i + 1]
                        : i + 2 < parts.length ? parts[i + 2] : parts[i];
            }
        }
        return mountLine.trim();
    }

    /**
     * The share of the device in sync during a resync whose format printed no percentage but out-of-sync
     * and size (events2 {@code --statistics} of DRBD 8.4): the same figure as {@code drbdadm status}'s done.
     */
    private static Optional<Double> inSync(Device d, Peer p) {
        String r = p.replication();
        boolean resyncing = r != null && (r.startsWith("Sync") || r.startsWith("PausedSync"));
        if (!resyncing || d.outOfSyncKiB() == null || d.sizeKiB() == null || d.sizeKiB() <= 0) {
            return Optional.empty();
        }
        long inSync = Math.max(0, d.sizeKiB() - d.outOfSyncKiB());
        return Optional.of(Math.floor(1000.0 * inSync / d.sizeKiB()) / 10);
    }

    static String hms(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
