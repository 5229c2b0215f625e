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
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** A request whose first answer came: the connection stays open for what follows (a lease, a stream's lines). */
    record Opened(SocketChannel channel, BufferedReader in, JsonNode answer) {
    }

    /**
     * Sends {@code request} on a connection of its own and waits at most {@code within} for the first answer.
     * The keeper enforces every command's timeout itself, so this is only the backstop against a keeper
     * that stopped answering: the connection is then closed and {@link NoAnswer} thrown (the keeper may
     * still be carrying the request out). The keeper's log lines for the request are logged here again and
     * its error is thrown as the host's error. The caller closes the connection.
     */
    Opened open(ObjectNode request, Duration within) throws IOException {
        SocketChannel channel = connect();
        // set before the close, so a read that the close breaks already sees why (the future itself is not
        // done until closing has returned)
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> backstop = BACKSTOP.schedule(() -> {
            fired.set(true);
            closeQuietly(channel);
        }, within.toMillis(), TimeUnit.MILLISECONDS);
        try {
            KeeperWire.write(KeeperWire.writer(channel), request);
            BufferedReader in = KeeperWire.reader(channel);
            JsonNode answer = KeeperWire.read(in);
            if (answer == null) {
                throw new EOFException("the keeper closed the request without an answer");
            }
            if (!backstop.cancel(false)) {
                throw new NoAnswer(within, null);
            }
            LogCapture.replay(answer.get("logs"));
            if (answer.has("error")) {
                throw KeeperWire.error(answer.get("error"));
            }
            return new Opened(channel, in, answer);
        } catch (IOException e) {
            closeQuietly(channel);
            throw fired.get() && !(e instanceof NoAnswer) ? new NoAnswer(within, e) : e;
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } finally {
            backstop.cancel(false);
        }
    }

    /** One request and its answer (see {@link #open}). */
    JsonNode call(ObjectNode request, Duration within) throws IOException {
        Opened opened = open(request, within);
        closeQuietly(opened.channel());
        return opened.answer();
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
