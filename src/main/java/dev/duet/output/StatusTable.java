package dev.duet.output;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;

/** The readable form of one node's status ({@code duet status --from FILE} without {@code --json}). */
public final class StatusTable {
    private StatusTable() {
    }

    public static String render(DrbdStatus status) {
        var table = new TextTable("RESOURCE", "MINOR", "VOL", "ROLE", "DISK", "PEER", "CONNECTION", "REPLICATION",
                "PEER-ROLE", "PEER-DISK", "SYNC");
        for (Device d : status.devices()) {
            if (d.peers().isEmpty()) {
                table.row(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), null, null, null, null, null, null);
            }
            for (Peer p : d.peers()) {
                table.row(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), p.name(), p.connection(),
                        p.replication(), p.role(), p.disk(), percent(p.syncPercent()));
            }
        }
        var out = new StringBuilder();
        out.append("format: ").append(status.format());
        if (status.version() != null) {
            out.append("  version: ").append(status.version());
        }
        out.append('\n');
        out.append(table.isEmpty() ? "no configured DRBD devices\n" : table.render());
        return out.toString();
    }

    static String percent(Double p) {
        return p == null ? null : String.format(java.util.Locale.ROOT, "%.1f%%", p);
    }
}
