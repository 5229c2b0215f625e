package dev.duet.cluster.status;

/**
 * One entry of crm_mon's {@code <failures>}: an operation that failed on a node, as Pacemaker records
 * it until {@code crm_resource --cleanup}. {@code exitReason} is the agent's own words, often empty.
 */
public record FailedAction(String opKey, String node, String task, String exitStatus, int exitCode,
                           String exitReason, String status, String lastRcChange) {
    /** The primitive the operation belongs to ({@code drbd_monitor_20000} → {@code drbd}). */
    public String resource() {
        if (opKey == null) {
            return null;
        }
        String key = opKey;
        int last = key.lastIndexOf('_');
        if (last > 0) {
            key = key.substring(0, last);
            int task = key.lastIndexOf('_');
            if (task > 0) {
                key = key.substring(0, task);
            }
        }
        return key;
    }

    public String describe() {
        return opKey + " on " + node + ": " + exitStatus + (exitReason == null || exitReason.isBlank() ? ""
                : " (" + exitReason + ")");
    }
}
