package dev.duet.transport;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;

/**
 * The connection died while a command that changes the host (or a file write) was in flight. It may
 * have run, run partly, or still be running there: the transport has reconnected but does not send it
 * again. Only the step's check half, run again on the new connection, can tell whether to act again.
 */
public final class DroppedDuringChange extends DuetException {
    private final String node;
    private final String hostPort;
    private final String what;

    public DroppedDuringChange(String node, String hostPort, String what, Throwable cause) {
        super(Reason.UNREACHABLE, node + ": connection to " + hostPort + " dropped during " + what
                + ", which changes the host; it was not sent again (it may have run there)", cause);
        this.node = node;
        this.hostPort = hostPort;
        this.what = what;
    }

    public String node() {
        return node;
    }

    public String hostPort() {
        return hostPort;
    }

    /** The command line in backquotes, or "writing /path". */
    public String what() {
        return what;
    }
}
