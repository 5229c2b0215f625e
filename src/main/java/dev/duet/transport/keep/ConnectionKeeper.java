package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection keeper: a process of the user's own that holds Duet's SSH connections between runs, as
 * OpenSSH's ControlPersist master does for Ansible, so a run right after another skips the handshake.
 * It listens on a Unix socket in a directory only its user can enter, and answers only that user (peer
 * credentials). Each request is one connection to the socket: a lease (held open for the whole run; its
 * end releases the connection and removes the run's cut-short temp files), a command, a batch, a file
 * read, probe or write, or a stream. The keeper runs them on its kept {@link SshNode}s, so every rule of
 * the transport holds unchanged: host keys, timeouts enforced on the host, one reconnect, read-only
 * retries, changes never replayed. It exits once no connection is kept and no request came for its idle time.
 */
public final class ConnectionKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionKeeper.class);

    private final Path socket;
    /** The socket file this keeper bound: on exit it removes that file only, never a newer keeper's. */
    private final Object socketFile;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ServerSocketChannel server;
    private final KeptConnections kept;
    private final ExecutorService requests;
    private final ScheduledExecutorService reaper;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.currentTimeMillis());
    private final String user = System.getProperty("user.name");

    private ConnectionKeeper(Path socket, ServerSocketChannel server, KeptConnections kept) {
        this.socket = socket;
        this.socketFile = fileKey(socket);
        this.server = server;
        this.kept = kept;
        AtomicInteger n = new AtomicInteger();
        this.requests = Executors.newCachedThreadPool(r -> daemon(r, "keeper-request-" + n.incrementAndGet()));
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "keeper-reaper"));
    }

    /** Listens on {@code socket} (a stale socket file there is replaced), readable by its user only. */
    public static ConnectionKeeper bind(Path socket, BiFunction<SshEndpoint, SshOptions, SshNode> connector)
            throws IOException {
        LogCapture.install();
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return new ConnectionKeeper(socket, server, new KeptConnections(connector, System::currentTimeMillis));
    }

    /** Serves until nothing is kept and no request was open for {@code exitAfter}; then closes. */
    public void serve(Duration exitAfter) {
        reaper.scheduleWithFixedDelay(() -> {
            boolean none = kept.closeIdle();
            synchronized (open) {
                if (none && open.get() == 0
                        && System.currentTimeMillis() - lastActivity.get() >= exitAfter.toMillis()) {
                    LOG.info("no connection kept and no request for {} s: exiting", exitAfter.toSeconds());
                    closeServer();
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            while (true) {
                SocketChannel client = server.accept();
                synchronized (open) {
                    if (!server.isOpen()) {
                        client.close(); // accepted as the keeper decided to exit: the run starts another
                        break;
                    }
                    open.incrementAndGet(); // counted before the idle check can look again
                }
                requests.execute(() -> handle(client));
            }
        } catch (ClosedChannelException closed) {
            // closeServer: idle, or shut down
        } catch (IOException e) {
            LOG.warn("the keeper's socket failed: {}", e.toString());
        } finally {
            close();
        }
    }

    private void handle(SocketChannel channel) {
        lastActivity.set(System.currentTimeMillis());
        try (channel) {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(user)) {
                LOG.warn("refused a request from user {}", peer.user().getName());
                return;
            }
            BufferedReader in = KeeperWire.reader(channel);
            OutputStream out = KeeperWire.writer(channel);
            JsonNode request = KeeperWire.read(in);
            if (request != null) {
                answer(request, in, out);
            }
        } catch (IOException e) {
            LOG.debug("a run left during a request: {}", e.toString());
        } finally {
            lastActivity.set(System.currentTimeMillis());
            open.decrementAndGet();
        }
    }

    private void answer(JsonNode request, BufferedReader in, OutputStream out) throws IOException {
        String op = request.path("op").asText();
        switch (op) {
            case "lease" -> lease(request, in, out);
            case "stream" -> stream(request, in, out);
            default -> {
                KeeperWire.write(out, LogCapture.during(() -> perform(op, request)).reply(ObjectNode::setAll));
            }
        }
    }

    /** The run's lease lasts as long as this request stays open: a run that dies releases it too. */
    private void lease(JsonNode request, BufferedReader in, OutputStream out) throws IOException {
        LogCapture.Captured<String> leased = LogCapture.during(() -> {
            SshEndpoint endpoint = KeeperWire.endpoint(request.get("endpoint"));
            SshOptions options = KeeperWire.options(request.get("options"));
            return kept.lease(endpoint, options, Duration.ofMillis(request.get("idleMs").asLong()),
                    options.connectTimeout());
        });
        ObjectNode reply = leased.reply((n, key) -> n.put("key", key));
        if (leased.error() != null) {
            KeeperWire.write(out, reply);
            return;
        }
        try {
            // inside the try: a run gone before its answer (Ctrl-C, its backstop) still ends its lease
            KeeperWire.write(out, reply);
            while (in.readLine() != null) {
                // nothing is sent on a lease; its end is the run's end
            }
        } catch (IOException gone) {
            // the run ended without closing: its lease ends all the same
        } finally {
            kept.release(leased.value());
        }
    }

    private ObjectNode perform(String op, JsonNode r) {
        Node node = kept.node(r.get("key").asText(), KeeperWire.escalation(r.get("escalation")));
        ObjectNode reply = KeeperWire.object();
        switch (op) {
            case "run" -> reply.set("result", KeeperWire.result(node.run(KeeperWire.command(r.get("command")))));
            case "runAll" -> reply.set("results", KeeperWire.results(node.runAll(KeeperWire.commands(r.get("commands")))));
            case "read" -> node.readFile(r.get("path").asText()).ifPresent(b -> reply.put("content", b));
            case "probe" -> {
                FileProbe p = node.probeFile(r.get("path").asText());
                p.content().ifPresent(b -> reply.put("content", b));
                reply.set("stat", KeeperWire.result(p.stat()));
            }
            case "write" -> {
                node.writeFile(r.get("path").asText(), binary(r.get("content")),
                        r.hasNonNull("mode") ? r.get("mode").asText() : null,
                        r.hasNonNull("owner") ? r.get("owner").asText() : null);
                reply.put("written", true);
            }
            default -> throw new IllegalArgumentException("unknown request '" + op + "'");
        }
        return reply;
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new IllegalArgumentException("content is not base64", e);
        }
    }

    /**
     * A stream's lines go to the run as they come; its end (the remote command ended) is said in a last
     * message. The run closing the request closes the stream, which ends the remote command.
     */
    private void stream(JsonNode r, BufferedReader in, OutputStream out) throws IOException {
        CountDownLatch answered = new CountDownLatch(1); // lines go after the answer, never before it
        LogCapture.Captured<Optional<LineStream>> started = LogCapture.during(() ->
                kept.node(r.get("key").asText(), KeeperWire.escalation(r.get("escalation")))
                        .stream(KeeperWire.command(r.get("command")), line -> {
                            try {
                                answered.await();
                                KeeperWire.write(out, KeeperWire.object().put("line", line));
                            } catch (IOException gone) {
                                // the run closed the stream; the closing below ends the command
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }));
        try {
            KeeperWire.write(out, started.reply((n, stream) -> n.put("streaming", stream.isPresent())));
        } finally {
            answered.countDown();
        }
        if (started.error() != null || started.value().isEmpty()) {
            return;
        }
        LineStream stream = started.value().get();
        Thread watcher = daemon(() -> {
            try {
                while (in.readLine() != null) {
                    // the run sends nothing more; EOF is its close
                }
            } catch (IOException gone) {
                // closed
            }
            stream.close();
        }, "keeper-stream-close");
        watcher.start();
        try {
            String reason = stream.ended().toCompletableFuture().join();
            KeeperWire.write(out, KeeperWire.object().put("end", true).put("reason", reason));
        } catch (IOException gone) {
            // the run closed it first
        } finally {
            stream.close();
        }
    }

    private void closeServer() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Closes the connections and removes its own socket file; a second call (a stop signal after it) does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeServer();
        reaper.shutdownNow();
        kept.closeAll();
        requests.shutdownNow();
        try {
            if (socketFile != null && socketFile.equals(fileKey(socket))) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException ignored) {
            // a stale socket file is replaced by the next keeper
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
