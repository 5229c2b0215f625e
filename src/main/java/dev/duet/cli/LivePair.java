package dev.duet.cli;

import dev.duet.drbd.LiveStatus;
import dev.duet.engine.NodeOpener;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hosts of an inventory, asked for their DRBD state in parallel. Connections stay open between
 * {@link #gather()} calls (for {@code --watch}); a host that could not be reached is tried again on the
 * next call. Every node is wrapped in a check-mode {@link ReadOnlyGuard}: status never changes anything.
 */
final class LivePair implements AutoCloseable {
    static final Command OCFS2_MOUNTS = Command.probe("findmnt", "-n", "-t", "ocfs2", "-o", "SOURCE,TARGET");

    private final List<Host> hosts;
    private final NodeOpener opener;
    private final Map<String, Node> open = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    LivePair(List<Host> hosts, NodeOpener opener) {
        this.hosts = List.copyOf(hosts);
        this.opener = opener;
        this.pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()), r -> {
            Thread t = new Thread(r, "duet-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** Every host's status, in inventory order. */
    List<NodeStatus> gather() {
        List<Future<NodeStatus>> futures = new ArrayList<>();
        for (Host host : hosts) {
            futures.add(pool.submit(() -> gather(host)));
        }
        List<NodeStatus> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DuetException(Reason.TIMEOUT, "interrupted while gathering status");
            } catch (ExecutionException e) {
                out.add(NodeStatus.failed(hosts.get(i).name(), new DuetException(Reason.COMMAND_FAILED,
                        hosts.get(i).name() + ": internal error while gathering status: " + e.getCause())));
            }
        }
        return out;
    }

    private NodeStatus gather(Host host) {
        Node node;
        try {
            node = open.computeIfAbsent(host.name(), n -> new ReadOnlyGuard(opener.open(host), true));
        } catch (DuetException e) {
            return NodeStatus.failed(host.name(), e);
        }
        try {
            return NodeStatus.of(LiveStatus.gather(node), mounts(node));
        } catch (DuetException e) {
            if (e.reason() == Reason.UNREACHABLE) {
                forget(host.name());
            }
            return NodeStatus.failed(host.name(), e);
        }
    }

    /** OCFS2 mounts as "SOURCE TARGET" lines; findmnt exits 1 when there is none. */
    static List<String> mounts(Node node) {
        CommandResult r = node.run(OCFS2_MOUNTS);
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private void forget(String name) {
        Node gone = open.remove(name);
        if (gone != null) {
            closeQuietly(gone);
        }
    }

    private static void closeQuietly(Node node) {
        try {
            node.close();
        } catch (RuntimeException ignored) {
            // the connection is already broken; nothing left to release
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        open.values().forEach(LivePair::closeQuietly);
        open.clear();
    }
}
