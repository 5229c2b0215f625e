package dev.duet.transport.keep;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's open connections, one per endpoint and connection options (user, address, port, known
 * hosts, key file, timeouts: anything that changes how a connection is made or verified makes another).
 * A connection in use by a run (leased) is never closed; one that no run has used for its idle time is.
 * A kept connection is reused only after it answered a keepalive: a connection that died while kept
 * (the host rebooted, the network cut) is replaced by a new one, verified against known_hosts again, so
 * a run never sends a change down a connection that was already dead.
 */
final class KeptConnections {
    private static final Logger LOG = LoggerFactory.getLogger(KeptConnections.class);

    private final BiFunction<SshEndpoint, SshOptions, SshNode> connector;
    private final LongSupplier clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    KeptConnections(BiFunction<SshEndpoint, SshOptions, SshNode> connector, LongSupplier clock) {
        this.connector = connector;
        this.clock = clock;
    }

    private static final class Kept {
        final SshNode node;
        Duration idle;
        final Map<Escalation, Node> views = new ConcurrentHashMap<>();
        int leases;
        long lastUsed;

        Kept(SshNode node, Duration idle, long now) {
            this.node = node;
            this.idle = idle;
            this.lastUsed = now;
        }
    }

    /** The key of a connection: a digest of everything that decides how it is made and verified. */
    static String key(SshEndpoint endpoint, SshOptions options) {
        String canonical = KeeperWire.endpoint(endpoint).toString() + KeeperWire.options(options.withBecome(false));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A lease on the connection for {@code endpoint}: the kept one when it still answers within
     * {@code liveness}, otherwise a new one (connecting now; its failure is the caller's error). Leases of
     * different connections are taken in parallel: only the same connection's wait on each other.
     */
    String lease(SshEndpoint endpoint, SshOptions options, Duration idle, Duration liveness) {
        String key = key(endpoint, options);
        synchronized (lockOf(key)) {
            Kept k = kept.get(key);
            if (k != null && leases(k) == 0 && !k.node.answers(liveness)) {
                LOG.info("{}: the kept connection to {} no longer answers; connecting anew", endpoint.node(),
                        endpoint.hostPort());
                kept.remove(key);
                closeQuietly(k.node);
                k = null;
            }
            if (k == null) {
                SshNode node = connector.apply(endpoint, options.withBecome(false));
                k = new Kept(node, idle, clock.getAsLong());
                kept.put(key, k);
            }
            synchronized (this) {
                k.leases++;
                k.lastUsed = clock.getAsLong();
                k.idle = idle; // the latest run's --persist says how long to keep it
            }
        }
        return key;
    }

    private Object lockOf(String key) {
        return locks.computeIfAbsent(key, x -> new Object());
    }

    private synchronized int leases(Kept k) {
        return k.leases;
    }

    /**
     * The end of a run's lease; the connection stays for the next run. When no run holds it any more, the
     * temp files of writes cut short are removed (not before: another run's write may be in flight), while
     * new leases wait.
     */
    void release(String key) {
        synchronized (lockOf(key)) {
            Kept k;
            synchronized (this) {
                k = kept.get(key);
                if (k == null) {
                    return;
                }
                k.leases = Math.max(0, k.leases - 1);
                k.lastUsed = clock.getAsLong();
                if (k.leases > 0) {
                    return;
                }
            }
            k.node.removeLeftoverTempFiles();
        }
    }

    /** The node for a request of a leased connection, acting with {@code escalation}. */
    Node node(String key, Escalation escalation) {
        Kept k = kept.get(key);
        if (k == null) {
            throw new DuetException(Reason.UNREACHABLE, "the connection keeper holds no connection " + key
                    + " (closed while idle)");
        }
        synchronized (this) {
            k.lastUsed = clock.getAsLong();
        }
        if (escalation.equals(Escalation.NONE)) {
            return k.node;
        }
        return k.views.computeIfAbsent(escalation, e -> k.node.as(e).orElseThrow());
    }

    /** Closes the connections no run holds and none has used for their idle time; true when none is left. */
    boolean closeIdle() {
        for (String key : kept.keySet()) {
            synchronized (lockOf(key)) {
                Kept k = kept.get(key);
                boolean idle;
                long now = clock.getAsLong();
                synchronized (this) {
                    idle = k != null && k.leases == 0 && now - k.lastUsed >= k.idle.toMillis();
                }
                if (idle) {
                    LOG.info("{}: closing the kept connection, idle for {} s", k.node.name(), (now - k.lastUsed) / 1000);
                    kept.remove(key);
                    closeQuietly(k.node);
                }
            }
        }
        return kept.isEmpty();
    }

    void closeAll() {
        synchronized (this) {
            kept.values().forEach(k -> closeQuietly(k.node));
            kept.clear();
        }
    }

    private static void closeQuietly(SshNode node) {
        try {
            node.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the kept connection: {}", node.name(), e.getMessage());
        }
    }
}
