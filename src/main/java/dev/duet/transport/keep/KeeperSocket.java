package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The run's side of the keeper's socket: each request on a connection of its own. */
final class KeeperSocket {
    private static final ScheduledThreadPoolExecutor BACKSTOP = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "keeper-backstop");
        t.setDaemon(true);
        return t;
    });

    static {
        BACKSTOP.setRemoveOnCancelPolicy(true); // a cancelled backstop of a 15-minute install is not kept queued
    }

    /**
     * The keeper did not answer within the backstop: it may still be carrying the request out, so the
     * caller must not look again and act again; the host is unreachable for this run.
     */
    static final class NoAnswer extends IOException {
        NoAnswer(Duration within, IOException cause) {
            super("no answer within " + within.toSeconds() + " s", cause);
        }
    }

    private final Path socket;

    KeeperSocket(Path socket) {
        this.socket = socket;
    }

    Path path() {
        return socket;
    }

    /** A new connection to the keeper; fails when no keeper listens there. */
    SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * One request and its answer, waiting at most {@code within}: the keeper enforces every command's
     * timeout itself, so this is only the backstop against a keeper that stopped answering (the request is
     * then closed, which the caller sees as an I/O error: unreachable, or a change that may have run).
     */
    JsonNode call(ObjectNode request, Duration within) throws IOException {
        try (SocketChannel channel = connect()) {
            ScheduledFuture<?> backstop = closeAfter(channel, within);
            try {
                KeeperWire.write(KeeperWire.writer(channel), request);
                return answer(reader(channel));
            } catch (IOException e) {
                throw backstop.isDone() ? new NoAnswer(within, e) : e;
            } finally {
                backstop.cancel(false);
            }
        }
    }

    /** Closes {@code channel} after {@code within} unless cancelled first. */
    static ScheduledFuture<?> closeAfter(SocketChannel channel, Duration within) {
        return BACKSTOP.schedule(() -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all it does
            }
        }, within.toMillis(), TimeUnit.MILLISECONDS);
    }

    static BufferedReader reader(SocketChannel channel) {
        return KeeperWire.reader(channel);
    }

    static JsonNode answer(BufferedReader in) throws IOException {
        JsonNode reply = KeeperWire.read(in);
        if (reply == null) {
            throw new EOFException("the keeper closed the request without an answer");
        }
        return reply;
    }
}
