package dev.duet.drbd.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers that make DRBD fencing go through Pacemaker. drbd-utils ships one pair per kernel
 * generation: on 8.4, {@code crm-fence-peer.sh} as fence-peer and {@code crm-unfence-peer.sh} as
 * after-resync-target (8.4 has no unfence-peer handler); on 9, the {@code .9.sh} scripts as fence-peer
 * and unfence-peer. The 8.4 pair was proven with drbd-utils 9.22 on the 8.4.11 kernel module.
 */
final class FenceHandlers {
    static final String DIR = "/usr/lib/drbd/";

    private FenceHandlers() {
    }

    static Map<String, String> of(ResourceModel m, boolean nine) {
        Map<String, String> h = new LinkedHashMap<>();
        if (!m.fencesPeer()) {
            return h;
        }
        if (nine) {
            h.put("fence-peer", quoted(DIR + "crm-fence-peer.9.sh"));
            h.put("unfence-peer", quoted(DIR + "crm-unfence-peer.9.sh"));
        } else {
            h.put("fence-peer", quoted(DIR + "crm-fence-peer.sh"));
            h.put("after-resync-target", quoted(DIR + "crm-unfence-peer.sh"));
        }
        return h;
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
