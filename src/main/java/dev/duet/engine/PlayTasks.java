package dev.duet.engine;

import dev.duet.playbook.TaskKeywords.BlockFrame;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The tasks of one play after facts: each task on its active hosts in parallel (all finish before the
 * next starts), blocks decided per host ({@link BlockState}), handlers run at the flush points
 * ({@link HandlerQueue}). A failure stops that host; with {@code any_errors_fatal} or on a pair-wide
 * module it stops the play.
 */
final class PlayTasks {
    private final Plan.PlannedPlay play;
    private final List<HostRun> runs;
    private final Map<String, Node> playNodes;
    private final TaskRun taskRun;
    private final Recap recap;
    private final EventListener listener;
    private final List<PhaseTiming> timings;
    private final BiFunction<List<HostRun>, Plan.PlannedTask, List<StepResult>> parallel;
    private final HandlerQueue queue;
    private final java.util.concurrent.atomic.AtomicBoolean commandsHidden;
    private boolean stopAll;
    private int index;

    PlayTasks(Plan.PlannedPlay play, List<HostRun> runs, Map<String, Node> playNodes, TaskRun taskRun, Recap recap,
              EventListener listener, List<PhaseTiming> timings, java.util.concurrent.atomic.AtomicBoolean commandsHidden,
              BiFunction<List<HostRun>, Plan.PlannedTask, List<StepResult>> parallel) {
        this.play = play;
        this.runs = runs;
        this.playNodes = playNodes;
        this.taskRun = taskRun;
        this.recap = recap;
        this.listener = listener;
        this.timings = timings;
        this.parallel = parallel;
        this.commandsHidden = commandsHidden;
        this.queue = new HandlerQueue(play.handlers().stream().map(Plan.PlannedTask::task).toList());
    }

    void run() {
        stopAll = play.play().anyErrorsFatal() && runs.stream().anyMatch(hr -> hr.stopped);
        int total = (int) play.tasks().stream().filter(t -> !t.task().isFlushHandlers()).count();
        for (Plan.PlannedTask task : play.tasks()) {
            if (stopAll) {
                break;
            }
            if (task.task().isFlushHandlers()) {
                flush(total);
                continue;
            }
            index++;
            runTask(task, null, total, false);
        }
        runs.forEach(hr -> hr.stopped |= hr.blocks.pending());
    }

    private void flush(int total) {
        List<Plan.PlannedTask> handlers = play.handlers();
        for (int i = 0; i < handlers.size() && !stopAll; i++) {
            Set<String> owed = queue.take(i);
            if (!owed.isEmpty()) {
                runTask(handlers.get(i), owed, total, true);
            }
        }
    }

    private void runTask(Plan.PlannedTask task, Set<String> only, int total, boolean handler) {
        List<BlockFrame> frames = task.task().keywords().blocks();
        for (HostRun hr : runs) {
            hr.stopped |= hr.blocks.stopsBefore(frames);
        }
        List<HostRun> active = runs.stream()
                .filter(hr -> !hr.stopped && task.hosts().contains(hr.host.name()) && hr.blocks.runs(frames)
                        && (only == null || only.contains(hr.host.name())))
                .toList();
        if (active.isEmpty()) {
            return;
        }
        listener.on(new EngineEvent.TaskStarted(play.play().name(), task.task().name(), task.module().name(),
                active.stream().map(hr -> hr.host.name()).toList(), index, total, handler));
        long start = System.nanoTime();
        // every host runs this task now (lock-step), so hiding a no_log task's commands hides no other task's
        commandsHidden.set(task.task().keywords().noLog());
        List<StepResult> results;
        try {
            results = parallel.apply(active, task);
        } finally {
            commandsHidden.set(false);
        }
        Map<String, Duration> spent = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            StepResult r = results.get(i);
            HostRun hr = active.get(i);
            hr.blocks.ran(frames);
            boolean rescued = r.fatal() && r.status() == Status.FAILED && hr.blocks.failed(frames);
            if (rescued) {
                recap.rescued(r);
            } else {
                recap.record(r);
            }
            listener.on(new EngineEvent.HostDone(task.module().name(), r));
            spent.put(r.host(), r.remote());
            if (r.status() == Status.CHANGED) {
                queue.notify(hr.host.name(), task.task().keywords().notifies());
            }
            if (r.fatal() && !rescued) {
                hr.stopped = r.status() == Status.UNREACHABLE || !hr.blocks.pending();
                stopAll |= play.play().anyErrorsFatal() || task.module().pairWide();
            }
        }
        timings.add(new PhaseTiming(task.task().name(), Duration.ofNanos(System.nanoTime() - start),
                spent.values().stream().max(Duration::compareTo).orElse(Duration.ZERO)));
    }
}
