package dev.duet.transport.keep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens hosts through the connection keeper, starting it when none listens. A keeper that cannot be
 * started or reached is said once in the log and the caller connects directly (empty): keeping
 * connections makes runs faster, never possible or impossible. Errors of the connection itself (host
 * unreachable, a host key refused, authentication) are the host's and are thrown as they would be
 * without the keeper.
 */
public final class KeptNodes {
    private static final Logger LOG = LoggerFactory.getLogger(KeptNodes.class);
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    /** Starts a keeper process listening on {@code socket}; its standard output says "ready" once it listens. */
    public interface Starter {
        Process start(Path socket, Duration idle) throws IOException;
    }

    private final KeeperSocket keeper;
    private final Path lockFile;
    private final Duration idle;
    private final Starter starter;
    private volatile boolean failed;

    public KeptNodes(KeeperDir dir, Duration idle, Starter starter) {
        this.keeper = new KeeperSocket(dir.socket());
        this.lockFile = dir.lockFile();
        this.idle = idle;
        this.starter = starter;
    }

    /** The host through the keeper, or empty when the keeper is not available (connect directly then). */
    public Optional<Node> open(SshEndpoint endpoint, SshOptions options, Escalation escalation) {
        if (failed) {
            return Optional.empty();
        }
        try {
            return Optional.of(lease(endpoint, options, escalation));
        } catch (IOException notListening) {
            try {
                ensureStarted();
                return Optional.of(lease(endpoint, options, escalation));
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    LOG.warn("the connection keeper at {} is not available ({}): connecting directly", keeper.path(),
                            e.getMessage());
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Paths as this run means them: the keeper runs in the directory of whichever run started it, so a
     * relative known_hosts or key file would be read there (and name another site's connection).
     */
    static SshOptions absolute(SshOptions options) {
        SshOptions o = options.withKnownHosts(options.knownHosts().toAbsolutePath());
        return o.identityFile() == null ? o : o.withIdentityFile(o.identityFile().toAbsolutePath());
    }

    private Node lease(SshEndpoint endpoint, SshOptions given, Escalation escalation) throws IOException {
        SshOptions options = absolute(given);
        ObjectNode r = KeeperWire.object();
        r.put("op", "lease");
        r.set("endpoint", KeeperWire.endpoint(endpoint));
        r.set("options", KeeperWire.options(options));
        r.put("idleMs", idle.toMillis());
        // the keeper may connect (the connect timeout, twice with its handshake) or check a kept connection
        KeeperSocket.Opened lease = keeper.open(r, options.connectTimeout().multipliedBy(3).plusSeconds(30));
        return new KeptNode(keeper, endpoint, options, lease.answer().get("key").asText(), escalation, lease.channel());
    }

    /** One keeper for every run of this user: the lock file decides who starts it; the others use it. */
    private synchronized void ensureStarted() throws IOException {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            try {
                keeper.connect().close();
                return; // another run started it meanwhile
            } catch (IOException notYet) {
                // start it
            }
            Process process = starter.start(keeper.path(), idle);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String said;
            try {
                said = ready.get(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                process.destroy();
                throw new IOException("the keeper did not say ready within " + READY_WITHIN.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the keeper");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
            if (!"ready".equals(said)) {
                throw new IOException("the keeper did not start (it said " + (said == null ? "nothing" : "'" + said + "'")
                        + "; see " + keeper.path().resolveSibling("keeper.err") + ")");
            }
            out.close();
            LOG.info("started the connection keeper (pid {}) at {}, keeping connections {} s after their last use",
                    process.pid(), keeper.path(), idle.toSeconds());
        }
    }
}
