package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Templating;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a {@link Plan}: each task on all its hosts in parallel, and every host finishes a task before
 * the next task starts, so the pair moves in lock-step. A failure stops that host; in a play with
 * {@code any_errors_fatal} or on a pair-wide module it stops the whole play.
 * One connection per host serves the whole run.
 */
public final class Runner {
    private static final String GATHER = "Gathering Facts";
    private static final String READ_AHEAD = "Reading ahead for the checks of the tasks to come";

    private final NodeOpener opener;
    private final Templating templating;
    private final EventListener listener;
    /** Results of {@code register:} per host, for the whole run. */
    private final Map<String, Map<String, Object>> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set while a no_log task runs: its commands are not told to the listener. */
    private final java.util.concurrent.atomic.AtomicBoolean commandsHidden = new java.util.concurrent.atomic.AtomicBoolean();
    /** One lock per host name, so that a host is connected once however many tasks ask for it at once. */
    private final Map<String, Object> hostLocks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Acts so far in this runner's runs: any act makes every host's remembered reads stale. */
    private final HostReads.Generation acts = new HostReads.Generation();

    public Runner(NodeOpener opener, Templating templating, EventListener listener) {
        this.opener = opener;
        this.templating = templating;
        this.listener = listener;
    }

    public Recap run(Plan plan, RunOptions options) {
        Recap recap = new Recap();
        List<PhaseTiming> timings = new ArrayList<>();
        Map<String, HostRun> connections = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "duet-host");
            t.setDaemon(true);
            return t;
        });
        try {
            Play ended = null;
            for (Plan.PlannedPlay play : plan.plays()) {
                if (play.batch() > 0 && play.play() == ended) {
                    continue;
                }
                // serial: a batch where every host failed ends the play, as in Ansible
                ended = runPlay(play, options, recap, timings, connections, pool) ? play.play() : null;
            }
        } finally {
            pool.shutdownNow();
            connections.values().forEach(hr -> {
                try {
                    hr.node.close();
                } catch (RuntimeException ignored) {
                    // closing is best effort; the run's result is already decided
                }
            });
        }
        listener.on(new EngineEvent.RunFinished(recap, List.copyOf(timings)));
        return recap;
    }

    /** Runs one play (or one batch of it); true when every host of it failed. */
    private boolean runPlay(Plan.PlannedPlay play, RunOptions options, Recap recap, List<PhaseTiming> timings,
                            Map<String, HostRun> connections, ExecutorService pool) {
        List<String> names = play.hosts().stream().map(Host::name).toList();
        names.forEach(recap::host);
        listener.on(new EngineEvent.PlayStarted(play.play().name(), names, options.checkMode()));
        if (names.isEmpty()) {
            return false; // --limit left this play no host
        }
        boolean gather = play.play().gatherFacts();
        if (gather) {
            listener.on(new EngineEvent.TaskStarted(play.play().name(), GATHER, "setup", names, 0, play.tasks().size()));
        }
        long t0 = System.nanoTime();
        List<HostRun> runs = inParallel(pool, play.hosts(),
                host -> connect(host, play.escalation(host.name()), options, connections));
        Map<String, Duration> remote = new LinkedHashMap<>();
        Map<String, Map<String, Object>> factsByHost = new java.util.concurrent.ConcurrentHashMap<>();
        List<StepResult> gathered = inParallel(pool, runs, hr -> gather(hr, options, factsByHost, gather));
        for (HostRun hr : runs) {
            if (!hr.stopped) {
                hr.registered = registered.computeIfAbsent(hr.host.name(), h -> new java.util.concurrent.ConcurrentHashMap<>());
                hr.vars = new LayeredVars(hr.registered,
                        templating.vars(play.play(), hr.host, factsByHost, options.extraVars()),
                        options.extraVars().keySet());
                hr.play = play;
                hr.becomeNode = e -> connect(hr.host, e, options, connections).node;
                // a delegated task's node: that host's one connection, under the same read-only guard
                hr.delegateNode = (h, e) -> connect(h, e, options, connections).node;
            }
        }
        for (StepResult r : gathered) {
            if (gather || r.status() != Status.OK) {
                report("setup", r, recap);
            }
            remote.put(r.host(), r.remote());
        }
        if (gather) {
            timings.add(timing(GATHER, t0, remote));
        }
        Map<String, Node> playNodes = new LinkedHashMap<>();
        runs.forEach(hr -> playNodes.put(hr.host.name(), hr.node));
        TaskExecution execution = new TaskExecution(templating, options, listener);
        TaskRun taskRun = new TaskRun(execution, templating, options);
        long aheadStart = System.nanoTime();
        Map<String, Duration> spentBefore = new LinkedHashMap<>();
        runs.forEach(hr -> spentBefore.put(hr.host.name(), hr.timed.spent()));
        boolean readAhead = new ChecksAhead(execution, acts, listener).readAhead(play.tasks(), runs, playNodes,
                (nodes, read) -> inParallel(pool, nodes, a -> {
                    read.accept(a);
                    return null;
                }));
        if (readAhead) {
            // its own row: this time belongs to no one task, and the tasks after it read from memory
            Map<String, Duration> aheadRemote = new LinkedHashMap<>();
            runs.forEach(hr -> aheadRemote.put(hr.host.name(), hr.timed.spent().minus(spentBefore.get(hr.host.name()))));
            timings.add(timing(READ_AHEAD, aheadStart, aheadRemote));
        }
        new PlayTasks(play, runs, playNodes, taskRun, recap, listener, timings, commandsHidden,
                (active, task) -> {
                    CheckBarrier barrier = new CheckBarrier(active.size());
                    return inParallel(pool, active, hr -> taskRun.run(task, hr, playNodes, barrier.party()));
                }).run();
        return runs.stream().allMatch(hr -> hr.stopped);
    }

    /**
     * One connection per host: the first escalation asked for opens it, and every other (a play or task
     * with another become or become_user) runs over the same connection with its own sudo prefix
     * ({@link Node#as}); only a node that cannot switch has another connection opened.
     */
    private HostRun connect(Host host, Escalation escalation, RunOptions options, Map<String, HostRun> connections) {
        // one host at a time (two play hosts delegating to the same host at once share one connection)
        synchronized (hostLocks.computeIfAbsent(host.name(), h -> new Object())) {
            return connectLocked(host, escalation, options, connections);
        }
    }

    private HostRun connectLocked(Host host, Escalation escalation, RunOptions options, Map<String, HostRun> connections) {
        String key = escalation == null ? host.name() : host.name() + " (" + escalation + ")";
        java.util.Optional<Node> shared;
        synchronized (connections) {
            HostRun known = connections.get(key);
            if (known != null) {
                HostRun again = new HostRun(host, known.node, known.timed);
                again.remoteBefore = known.timed.spent();
                again.opened = known.opened;
                return again;
            }
            shared = escalation == null ? java.util.Optional.empty() : connections.values().stream()
                    .filter(k -> k.host.name().equals(host.name()) && k.opened != null)
                    .findFirst().flatMap(k -> k.opened.as(escalation));
        }
        HostRun hr;
        long t0 = System.nanoTime();
        try {
            Node opened = shared.orElseGet(() -> escalation == null ? opener.open(host)
                    : escalation.user() == null || escalation.toRoot() ? opener.open(host, escalation.become())
                    : opener.open(host, escalation));
            TimedNode timed = new TimedNode(new CommandEvents(opened, listener, commandsHidden));
            // connecting is time on the network, not Duet's own: count it as remote
            timed.add(Duration.ofNanos(System.nanoTime() - t0));
            hr = new HostRun(host, new CachedNode(new ReadOnlyGuard(timed, options.checkMode()), new HostReads(acts)),
                    timed);
            hr.opened = opened;
            synchronized (connections) {
                connections.put(key, hr);
            }
        } catch (DuetException e) {
            hr = new HostRun(host, new UnreachableNode(host.name(), e), new TimedNode(new UnreachableNode(host.name(), e)));
        }
        return hr;
    }

    /** Gathers facts ({@code really}: gather_facts is on) or only checks that the host answered. */
    private StepResult gather(HostRun hr, RunOptions options, Map<String, Map<String, Object>> factsByHost,
                              boolean really) {
        long t0 = System.nanoTime();
        Duration before = hr.remoteBefore;
        try {
            long readIn = hr.node instanceof CachedNode cached ? cached.generation() : 0;
            Map<String, Object> facts = new LinkedHashMap<>();
            if (really) {
                facts.putAll(Facts.gather(hr.node));
                if (hr.node instanceof CachedNode cached) {
                    // the gathering read the node name uname -n prints: it is read once per run, not once per step
                    cached.remember(Facts.NODE_NAME, Facts.nodeName(facts), readIn);
                }
            } else if (hr.node instanceof UnreachableNode u) {
                u.run(null);
            }
            facts.put("ansible_check_mode", options.checkMode());
            factsByHost.put(hr.host.name(), facts);
            return new StepResult(hr.host.name(), GATHER, Status.OK, null, null,
                    Duration.ofNanos(System.nanoTime() - t0), hr.timed.spent().minus(before), null);
        } catch (DuetException e) {
            hr.stopped = true;
            Status s = e.reason() == Reason.INPUT || e.reason() == Reason.COMMAND_FAILED ? Status.FAILED : Status.UNREACHABLE;
            return new StepResult(hr.host.name(), GATHER, s, e.getMessage(), null,
                    Duration.ofNanos(System.nanoTime() - t0), Duration.ZERO, e.reason());
        }
    }

    private void report(String module, StepResult r, Recap recap) {
        recap.record(r);
        listener.on(new EngineEvent.HostDone(module, r));
    }

    private static PhaseTiming timing(String task, long start, Map<String, Duration> remote) {
        Duration longest = remote.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        return new PhaseTiming(task, Duration.ofNanos(System.nanoTime() - start), longest);
    }

    private static <T, R> List<R> inParallel(ExecutorService pool, List<T> items, Function<T, R> work) {
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.apply(item)));
        }
        List<R> out = new ArrayList<>();
        for (Future<R> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DuetException(Reason.TIMEOUT, "interrupted while waiting for hosts");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }
}
