package dev.duet.engine;

import dev.duet.playbook.TaskKeywords;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads ahead for the check halves of a play while nothing has changed in the run yet (every plan, and
 * an apply until its first act). Each later task's check half runs against {@link AheadNode}s, which
 * answer only from memory and note what they could not answer; the noted probes of each host go as one
 * batch, and the checks run ahead again with the answers, up to {@link #ROUNDS} times. The answers are
 * remembered exactly as a check's own reads are (any act makes them stale), so each task's real turn
 * decides by the same rule on reads that are at most as old as the run's first act; act halves read the
 * host again as always. On a slow host most of a no-op run's time is round trips, one per task: this
 * makes them one per round.
 */
final class ChecksAhead {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChecksAhead.class);
    static final int ROUNDS = 4;

    private final TaskExecution execution;
    private final HostReads.Generation acts;
    private final EventListener listener;

    ChecksAhead(TaskExecution execution, HostReads.Generation acts, EventListener listener) {
        this.execution = execution;
        this.acts = acts;
        this.listener = listener;
    }

    /**
     * {@code readEach} runs the given work for every host's node in parallel (one batch per host). True
     * when anything was read.
     */
    boolean readAhead(List<Plan.PlannedTask> tasks, List<HostRun> runs, Map<String, Node> playNodes,
                   BiConsumer<List<AheadNode>, java.util.function.Consumer<AheadNode>> readEach) {
        if (acts.current() != 0) {
            return false; // something has changed in this run: what a check would read now is not what it will read
        }
        Map<String, AheadNode> ahead = new LinkedHashMap<>();
        playNodes.forEach((name, node) -> {
            if (node instanceof CachedNode cached) {
                ahead.put(name, new AheadNode(cached));
            }
        });
        Map<String, Node> view = new LinkedHashMap<>(ahead);
        // a node whose read ahead failed (a dropped connection) is read ahead no more; checks still see its memory
        java.util.Set<String> gaveUp = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS && acts.current() == 0; round++) {
            ahead.values().forEach(AheadNode::clearToRead);
            for (HostRun hr : runs) {
                AheadNode own = ahead.get(hr.host.name());
                if (hr.stopped || own == null) {
                    continue;
                }
                for (Plan.PlannedTask task : tasks) {
                    if (eligible(task, hr)) {
                        ahead.values().forEach(AheadNode::nextCheck);
                        execution.lookAhead(task, hr, own, view);
                    }
                }
            }
            List<AheadNode> toRead = ahead.values().stream()
                    .filter(a -> !a.nothingToRead() && !gaveUp.contains(a.name())).toList();
            if (toRead.isEmpty()) {
                return round > 0;
            }
            int r = round + 1;
            if (round == 0) {
                listener.on(new EngineEvent.ReadingAhead(toRead.stream().map(AheadNode::name).toList()));
            }
            toRead.forEach(a -> LOG.info("{}: read ahead, round {}: {} probes {}, files {}", a.name(), r,
                    a.probesToRead().size(), a.probesToRead().stream().map(c -> c.line()).toList(), a.filesToRead()));
            readEach.accept(toRead, a -> {
                try {
                    a.memory().readAhead(a.probesToRead(), a.filesToRead());
                } catch (RuntimeException e) {
                    // a head start only: each check reads what it still needs itself, and reports it
                    gaveUp.add(a.name());
                }
            });
        }
        return true;
    }

    /**
     * A task whose check can run ahead as it will run: one step on this host's play node (not
     * delegated, as the play's user: a check read as another user could see another file), outside a rescue (which runs only after a failure), and not no_log (its commands are shown
     * only while it runs).
     */
    private static boolean eligible(Plan.PlannedTask task, HostRun hr) {
        TaskKeywords kw = task.task().keywords();
        return !task.task().isFlushHandlers() && kw.loop() == null && hr.runsOnPlayNode(task) && !kw.noLog()
                && task.hosts().contains(hr.host.name())
                && kw.blocks().stream().noneMatch(f -> f.section() == TaskKeywords.Section.RESCUE);
    }
}
