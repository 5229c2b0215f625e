package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.DroppedDuringChange;
import java.util.function.Function;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dropped connection means for an operation of a node. A read is run once more on a new connection
 * (once: a second drop makes the host unreachable). A change may have run before the drop, so it is never
 * sent again: the node reconnects, so the step's check half can look at what is there, and the change is
 * reported as cut short ({@link DroppedDuringChange}).
 */
final class DropPolicy {
    /** Logged as the node's own lines: the logger its readers already follow. */
    private static final Logger LOG = LoggerFactory.getLogger(SshNode.class);

    private final SshEndpoint endpoint;
    private final SshConnection connection;

    DropPolicy(SshEndpoint endpoint, SshConnection connection) {
        this.endpoint = endpoint;
        this.connection = connection;
    }

    /** A read-only operation: reconnects once after a drop and runs it again on the new connection. */
    <T> T read(String what, Function<SSHClient, T> operation) {
        SSHClient used = connection.client();
        try {
            return operation.apply(used);
        } catch (ConnectionLost first) {
            LOG.warn("{}: connection to {} lost during {}; reconnecting once", endpoint.node(), endpoint.hostPort(), what);
            SSHClient fresh = connection.reconnect(used);
            try {
                return operation.apply(fresh);
            } catch (ConnectionLost second) {
                throw new DuetException(Reason.UNREACHABLE, endpoint.node() + ": connection to " + endpoint.hostPort()
                        + " dropped again during " + what + " after one reconnect: " + second.getMessage(), second);
            }
        }
    }

    /**
     * An operation that changes the host: after a drop it is not replayed; the node reconnects, runs
     * {@code afterReconnect} (its clean-up on the new connection) and says what was cut short.
     */
    <T> T change(String what, Function<SSHClient, T> operation, Runnable afterReconnect) {
        SSHClient used = connection.client();
        try {
            return operation.apply(used);
        } catch (ConnectionLost lost) {
            LOG.warn("{}: connection to {} lost during {}, which changes the host: not replayed; reconnecting",
                    endpoint.node(), endpoint.hostPort(), what);
            try {
                connection.reconnect(used);
                afterReconnect.run();
            } catch (DuetException unreachable) {
                throw new DuetException(unreachable.reason(), endpoint.node() + ": connection to "
                        + endpoint.hostPort() + " dropped during " + what + " (not sent again: it may have run"
                        + " there), and reconnecting failed: " + unreachable.getMessage(), unreachable);
            }
            throw new DroppedDuringChange(endpoint.node(), endpoint.hostPort(), what, lost);
        }
    }
}
