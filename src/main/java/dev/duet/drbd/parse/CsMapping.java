package dev.duet.drbd.parse;

import java.util.List;

/**
 * DRBD 8.x folds connection and replication state into one {@code cs:} word; DRBD 9 splits them. This
 * maps the 8.x word onto 9's pair so waits look at one model whatever the kernel.
 */
public final class CsMapping {
    private static final List<String> REPLICATION_PREFIXES = List.of("SyncSource", "SyncTarget", "PausedSync",
            "Verify", "StartingSync", "WFBitMap", "WFSyncUUID", "Ahead", "Behind");

    private CsMapping() {
    }

    static boolean isReplicationWord(String cs) {
        return cs != null && REPLICATION_PREFIXES.stream().anyMatch(cs::startsWith);
    }

    /** Connection state in DRBD 9's words; unknown words stay as printed. */
    public static String connection(String cs) {
        if (cs == null) {
            return null;
        }
        if (cs.equals("WFConnection")) {
            return "Connecting";
        }
        if (cs.equals("Connected") || isReplicationWord(cs)) {
            return "Connected";
        }
        return cs;
    }

    /** Replication state in DRBD 9's words, null when the word says the peer is not connected. */
    static String replication(String cs) {
        if ("Connected".equals(cs)) {
            return "Established";
        }
        return isReplicationWord(cs) ? cs : null;
    }
}
