package dev.duet.cluster.status;

/** One cluster node as crm_mon's {@code <nodes>} lists it. */
public record ClusterMember(String name, String id, boolean online, boolean standby, boolean maintenance,
                            boolean pending, boolean unclean, boolean shutdown, boolean dc) {
    /** Online and able to run resources: not in standby, maintenance, pending or unclean. */
    public boolean active() {
        return online && !standby && !maintenance && !pending && !unclean;
    }

    /** One word for a table: online, standby, maintenance, pending, UNCLEAN, offline. */
    public String state() {
        if (unclean) {
            return "UNCLEAN";
        }
        if (!online) {
            return "offline";
        }
        if (pending) {
            return "pending";
        }
        if (maintenance) {
            return "maintenance";
        }
        return standby ? "standby" : "online";
    }
}
