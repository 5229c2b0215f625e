package dev.duet.transport.ssh;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;

/**
 * Bounds an SSH handshake (TCP connect, the server's greeting, key exchange) by the connect timeout.
 * SSHJ bounds the TCP connect and the key exchange, but reads the server's greeting without a timeout, so
 * a host that accepts the connection and never speaks (a hung sshd, a stuck middlebox) would hold its
 * run, and every pair waiting for a fork slot, forever. When the deadline passes first, the socket is
 * closed, which ends that read with an error.
 */
final class HandshakeDeadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "duet-ssh-handshake-deadline");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> timer;
    private volatile boolean expired;

    HandshakeDeadline(SSHClient ssh, Duration timeout) {
        this.timer = TIMER.schedule(() -> expire(ssh), Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** True when the handshake was cut off by this deadline. */
    boolean expired() {
        return expired;
    }

    private void expire(SSHClient ssh) {
        expired = true;
        try {
            Socket socket = ssh.getSocket();
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing is all we wanted; the handshake now fails and says why
        }
    }

    /** The handshake is over (done or failed): the deadline no longer applies. */
    @Override
    public void close() {
        timer.cancel(false);
    }
}
