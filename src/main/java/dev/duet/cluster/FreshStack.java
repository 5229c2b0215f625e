package dev.duet.cluster;

import dev.duet.cluster.status.ClusterProbe;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster stack as Debian's packages leave it: corosync, sbd and pacemaker started on install with a
 * one-node default corosync.conf (cluster "debian", the node on 127.0.0.1). Such a stack runs no
 * resource, so stopping it to give it the real configuration loses nothing; a stack whose crm_mon shows
 * any resource is never "fresh".
 */
final class FreshStack {
    private static final Pattern NAME = Pattern.compile("(?m)^\\s*cluster_name\\s*:\\s*(\\S+)\\s*$");
    static final String CIB_FILES = "rm -f /var/lib/pacemaker/cib/cib*";

    private FreshStack() {
    }

    /** Pacemaker down, or up with no resource configured. crm_mon that cannot be read is not fresh. */
    static boolean fresh(Node node) {
        if (!Units.active(node, "pacemaker")) {
            return true;
        }
        try {
            return ClusterProbe.read(node).map(s -> s.running() && s.resources().isEmpty()).orElse(true);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Stops what runs of the stack (pacemaker, corosync, sbd: sbd reads its device only when it starts).
     * When the old corosync.conf named another cluster, its CIB (of the package's one-node cluster, no
     * resource in it) is removed, as by hand in the lab, so Pacemaker starts with the pair's nodes.
     */
    static String stop(Node node, String oldConf, String clusterName) {
        List<String> stopped = new ArrayList<>();
        for (String unit : List.of("pacemaker", "corosync", "sbd")) {
            if (Units.active(node, unit)) {
                node.run(Command.change("systemctl", "stop", unit)).orThrow(node.name());
                stopped.add(unit);
            }
        }
        String said = "stopped " + String.join(", ", stopped) + " (no resource running)";
        String oldName = oldConf == null ? null : name(oldConf);
        if (oldName != null && !oldName.equals(clusterName)) {
            node.run(Command.changeScript(CIB_FILES)).orThrow(node.name());
            said += ", removed the CIB of the package's cluster '" + oldName + "'";
        }
        return said;
    }

    private static String name(String conf) {
        Matcher m = NAME.matcher(conf);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }
}
