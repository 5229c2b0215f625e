package dev.duet.cluster.cib;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ServiceStep;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads the CIB's configuration section. Pacemaker answers {@code systemctl start} before its CIB
 * daemon takes connections (the lab: exit 102, "Transport endpoint is not connected", for several
 * seconds), so while the pacemaker unit is active or activating a refused connection is waited out,
 * bounded; with the unit not running it fails at once, saying to start it.
 */
final class CibQuery {
    static final Command QUERY = Command.probe("cibadmin", "--query", "--scope", "configuration");
    static final Command UNIT = ServiceStep.isActive("pacemaker");
    /** Pacemaker's CRM_EX_NOT_CONNECTED. */
    static final int NOT_CONNECTED = 102;
    static final Duration POLL = Duration.ofSeconds(2);

    private final Duration timeout;

    CibQuery(Duration timeout) {
        this.timeout = timeout;
    }

    /** The query's result once Pacemaker answers; throws when it cannot be read. */
    CommandResult read(Node node) {
        CommandResult first = node.run(QUERY);
        if (first.ok()) {
            return first;
        }
        if (!starting(node, first)) {
            throw unreadable(node, first);
        }
        AtomicReference<CommandResult> last = new AtomicReference<>(first);
        try {
            Awaitility.await("the CIB on " + node.name()).atMost(timeout).pollDelay(POLL).pollInterval(POLL)
                    .pollInSameThread().until(() -> {
                        CommandResult r = node.run(QUERY);
                        last.set(r);
                        if (!r.ok() && !starting(node, r)) {
                            throw unreadable(node, r);
                        }
                        return r.ok();
                    });
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, node.name() + ": Pacemaker runs but its CIB did not answer within "
                    + timeout.toSeconds() + " s (`" + QUERY.line() + "`: " + firstLine(last.get()) + ")");
        }
        return last.get();
    }

    /** The first answer as it is, without waiting (plan mode must not wait for a Pacemaker it never started). */
    static CommandResult readOnce(Node node) {
        return node.run(QUERY);
    }

    private static boolean starting(Node node, CommandResult r) {
        if (r.exitCode() != NOT_CONNECTED) {
            return false;
        }
        String unit = node.run(UNIT).stdout().strip();
        return unit.equals("active") || unit.equals("activating");
    }

    static DuetException unreadable(Node node, CommandResult r) {
        return new DuetException(Reason.PRECONDITION, node.name() + ": cannot read the CIB (`" + QUERY.line()
                + "` exited " + r.exitCode() + ": " + firstLine(r) + "); Pacemaker must be running on this node"
                + " (start it with the service module before this task)");
    }

    static String firstLine(CommandResult r) {
        String text = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        return text.isEmpty() ? "no output" : text.lines().findFirst().orElse("");
    }
}
