package dev.duet.cluster.status;

import dev.duet.error.InputException;

/** Output that is not crm_mon's XML (or corosync's membership), in one line naming what was expected. */
public class ClusterStatusParseException extends InputException {
    public ClusterStatusParseException(String message) {
        super(message);
    }
}
