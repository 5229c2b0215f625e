package dev.duet.transport.ssh;

import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.connection.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.helpers.SubstituteLogger;

/**
 * OpenSSH's refusal of a {@code keepalive@openssh.com} request. sshd serves no such request and answers
 * REQUEST_FAILURE by design, so the refusal is the reply that proves it is there. SSHJ wakes a waiter on
 * the reply with an error for it, just as for a connection that died, and logs that error; this class tells
 * the refusal apart and keeps it out of the log, where it would read as a failure (and the keeper would
 * hand it back to the run whose lease checked the connection).
 */
final class KeepaliveRefusal {
    static final String REQUEST = "keepalive@openssh.com";

    // SSHJ's words: ConnectionImpl names the reply's promise after the request and delivers REQUEST_FAILURE
    // as a ConnectionException naming that promise, with no cause; Promise logs the error it wakes to
    private static final String PROMISE = "global req for " + REQUEST;
    private static final String REFUSED = "Global request [" + PROMISE + "] failed";
    private static final String WOKE_TO = "<<{}>> woke to: {}";

    /** SSHJ's usual loggers, but the one of its promises drops the error a keepalive's refusal wakes to. */
    static final LoggerFactory UNLOGGED = new LoggerFactory() {
        private final Logger promises = new QuietPromises(LoggerFactory.DEFAULT.getLogger(Promise.class));

        @Override
        public Logger getLogger(String name) {
            return LoggerFactory.DEFAULT.getLogger(name);
        }

        @Override
        public Logger getLogger(Class<?> clazz) {
            return clazz == Promise.class ? promises : LoggerFactory.DEFAULT.getLogger(clazz);
        }
    };

    private KeepaliveRefusal() {
    }

    /** Whether the error a keepalive's reply delivered is the server's refusal, not a connection's death. */
    static boolean is(ConnectionException e) {
        return e.getCause() == null && REFUSED.equals(e.getMessage());
    }

    /** Passes everything to the promises' logger but the error for a keepalive's refusal. */
    private static final class QuietPromises extends SubstituteLogger {
        QuietPromises(Logger logger) {
            super(logger.getName(), null, true);
            setDelegate(logger);
        }

        @Override
        public void error(String format, Object promise, Object error) {
            boolean refusal = WOKE_TO.equals(format) && PROMISE.equals(String.valueOf(promise))
                    && (ConnectionException.class.getName() + ": " + REFUSED).equals(error);
            if (!refusal) {
                super.error(format, promise, error);
            }
        }
    }
}
