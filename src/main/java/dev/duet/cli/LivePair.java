package dev.duet.cli;

import dev.duet.cluster.status.ClusterProbe;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.cluster.status.ClusterStatusParseException;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.probe.LiveStatus;
import dev.duet.drbd.wait.Events2Follower;
import dev.duet.engine.NodeOpener;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.ocfs2.ClusterFsMounts;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The hosts of an inventory, asked for their DRBD state in parallel. Connections stay open between
 * {@link #gather()} calls (for {@code --watch}, which may also {@link #follow} a host's events2 stream);
 * a host that could not be reached is tried again on the next call. Closing ends the streams first.
 * Every node is wrapped in a check-mode {@link ReadOnlyGuard}: status never changes anything.
 */
final class LivePair implements AutoCloseable {
    static final Command EVENTS2_STREAM = DrbdCommands.EVENTS2_FOLLOW_STATISTICS;
    static final Command EVENTS2_STATISTICS = DrbdCommands.EVENTS2_NOW_STATISTICS;
    static final Duration STREAM_START_TIMEOUT = Duration.ofSeconds(10);

    private final List<Host> hosts;
    private final NodeOpener opener;
    private final Map<String, Node> open = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final List<Events2Follower> followers = new CopyOnWriteArrayList<>();
    /** Hosts whose crm_mon is missing: asked once, not on every poll of a watch. */
    private final java.util.Set<String> withoutPacemaker = ConcurrentHashMap.newKeySet();
    /** Hosts whose DRBD versions have no events2: their status batch leaves it out. */
    private final java.util.Set<String> withoutEvents2 = ConcurrentHashMap.newKeySet();

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

    List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }

    /** One host's status (what {@link #gather()} asks every host in parallel). */
    NodeStatus gather(String hostName) {
        return gather(host(hostName));
    }

    /**
     * Follows the host's {@code drbdsetup events2 --statistics}; empty (with the reason given to
     * {@code whyNot}) when the stream does not start or gives no initial state.
     */
    Optional<Events2Follower> follow(String hostName, Runnable onChange, Consumer<String> whyNot) {
        try {
            Optional<Events2Follower> f = Events2Follower.start(node(host(hostName)), EVENTS2_STREAM,
                    STREAM_START_TIMEOUT, onChange, whyNot);
            f.ifPresent(followers::add);
            return f;
        } catch (DuetException e) {
            whyNot.accept(e.getMessage());
            return Optional.empty();
        }
    }

    /** The host's OCFS2 and GFS2 mounts (throws when the host cannot be asked). */
    List<String> mounts(String hostName) {
        return ClusterFsMounts.of(node(host(hostName)));
    }

    /** Pacemaker's view from the host; null without Pacemaker (throws when the host cannot be asked). */
    ClusterStatus cluster(String hostName) {
        return cluster(hostName, node(host(hostName)));
    }

    /** The host's {@code drbdsetup events2 --now --statistics} dump; empty when it failed. */
    Optional<String> statistics(String hostName) {
        CommandResult r = node(host(hostName)).run(EVENTS2_STATISTICS);
        return r.ok() ? Optional.of(r.stdout()) : Optional.empty();
    }

    private Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not in this pair: " + name));
    }

    private Node node(Host host) {
        return open.computeIfAbsent(host.name(), n -> new ReadOnlyGuard(opener.open(host), true));
    }

    private NodeStatus gather(Host host) {
        Node node;
        try {
            node = node(host);
        } catch (DuetException e) {
            return NodeStatus.failed(host.name(), e);
        }
        try {
            // the kernel's version, mounts, Pacemaker's view and events2 (the status interface of every DRBD
            // since 8.4.6) in one round trip. A whole events2 dump from a kernel that has it is the answer; only
            // otherwise are the utils asked their version (a second round trip), which then decides as ever
            // (a host whose versions said it has no events2 is asked them with the first batch while watching)
            boolean askCluster = !withoutPacemaker.contains(host.name());
            boolean askEvents2 = !withoutEvents2.contains(host.name());
            List<Command> first = new ArrayList<>(List.of(DrbdCommands.PROC_DRBD, ClusterFsMounts.READ,
                    askEvents2 ? DrbdCommands.EVENTS2_NOW : DrbdCommands.UTILS_VERSION));
            if (askCluster) {
                first.add(ClusterProbe.CRM_MON);
            }
            List<CommandResult> r = node.runAll(first);
            CommandResult proc = r.get(0);
            DrbdProbe probe = DrbdProbe.of(node);
            LiveStatus.Result status = (askEvents2 ? probe.events2Answer(proc, r.get(2)) : Optional.<LiveStatus.Result>empty())
                    .orElseGet(() -> versionsDecide(host, node, probe, proc, r.get(2), askEvents2));
            return NodeStatus.of(status, ClusterFsMounts.parse(r.get(1)))
                    .withCluster(askCluster ? cluster(host.name(), r.get(3)) : null);
        } catch (DuetException e) {
            if (e.reason() == Reason.UNREACHABLE) {
                forget(host.name());
            }
            return NodeStatus.failed(host.name(), e);
        }
    }

    /**
     * The status when events2 did not answer alone: the utils' version decides which answer is the one. It
     * is asked now, with the older status interfaces, unless the first batch held it instead of events2.
     */
    private LiveStatus.Result versionsDecide(Host host, Node node, DrbdProbe probe, CommandResult proc,
                                             CommandResult third, boolean askedEvents2) {
        Map<Command, CommandResult> readAlready = new java.util.HashMap<>();
        CommandResult utils = third;
        if (askedEvents2) {
            readAlready.put(DrbdCommands.EVENTS2_NOW, third);
            List<Command> second = new ArrayList<>(List.of(DrbdCommands.UTILS_VERSION, DrbdCommands.DRBDADM_STATUS));
            if (DrbdVersion.fromProc(proc).map(DrbdVersion::is9).orElse(false)) {
                second.add(DrbdCommands.STATUS_JSON);
            }
            List<CommandResult> answers = node.runAll(second);
            utils = answers.get(0);
            for (int i = 1; i < second.size(); i++) {
                readAlready.put(second.get(i), answers.get(i));
            }
        }
        if (DrbdVersion.fromOutputs(proc, utils).map(v -> !v.hasEvents2()).orElse(false)) {
            withoutEvents2.add(host.name());
        }
        return probe.live(proc, utils, readAlready);
    }

    /**
     * Pacemaker's view from this node; null when crm_mon is not installed. Output that is not crm_mon's
     * XML reads as a cluster that does not answer, with the parser's words, never as "no cluster".
     */
    private ClusterStatus cluster(String hostName, Node node) {
        return withoutPacemaker.contains(hostName) ? null : cluster(hostName, node.run(ClusterProbe.CRM_MON));
    }

    private ClusterStatus cluster(String hostName, CommandResult crmMon) {
        try {
            var status = ClusterProbe.parse(crmMon);
            if (status.isEmpty()) {
                withoutPacemaker.add(hostName);
            }
            return status.orElse(null);
        } catch (ClusterStatusParseException e) {
            return ClusterStatus.notRunning("unreadable crm_mon output: " + e.getMessage());
        }
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
        // streams first: each hangs up its remote drbdsetup before the connections go
        followers.forEach(Events2Follower::close);
        followers.clear();
        pool.shutdownNow();
        open.values().forEach(LivePair::closeQuietly);
        open.clear();
    }
}
