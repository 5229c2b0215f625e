package dev.duet.cli;

import dev.duet.engine.Cancellation;
import dev.duet.engine.EngineEvent;
import dev.duet.engine.EventListener;
import dev.duet.engine.Plan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ctrl-C during {@code apply} or {@code recover}: the JVM runs this as a shutdown hook while the run goes
 * on. It stops every host from starting a new command, lets the running one finish for up to
 * {@link #BOUND} (the run then ends by itself and prints its recap so far, temp files of cut-short writes
 * removed as the connections close), and says what was cut short: commands refused, tasks never started,
 * and anything still running on a host when Duet had to stop waiting.
 */
final class RunInterrupt {
    static final Duration BOUND = Duration.ofSeconds(10);

    private final Cancellation cancellation;
    private final Plan plan;
    private final PrintStream err;
    private final Duration bound;
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    RunInterrupt(Cancellation cancellation, Plan plan, PrintStream err, Duration bound) {
        this.cancellation = cancellation;
        this.plan = plan;
        this.err = err;
        this.bound = bound;
    }

    /** Passes every event on, noting which tasks started. */
    EventListener watching(EventListener listener) {
        return event -> {
            if (event instanceof EngineEvent.TaskStarted t) {
                started.add(t.play() + "\u0000" + t.task());
            }
            listener.on(event);
        };
    }

    /** What Ctrl-C runs; nothing once the run has finished by itself. */
    Runnable onShutdown() {
        return () -> {
            if (cancellation.isFinished()) {
                return;
            }
            cancellation.cancel("interrupted (Ctrl-C)");
            List<String> running = cancellation.running();
            err.println("duet: interrupted: no new command is started; waiting up to " + bound.toSeconds()
                    + " s for " + (running.isEmpty() ? "the run to stop" : String.join(", ", running)));
            err.flush();
            boolean ended = cancellation.awaitFinished(bound);
            if (!ended) {
                err.println("duet: still running when Duet stopped waiting (it may still finish on the host): "
                        + String.join(", ", cancellation.running()));
                cancellation.closeAll();
            }
            List<String> cut = new ArrayList<>(cancellation.refused().stream().map(r -> "not started: " + r).toList());
            notStarted().forEach(t -> cut.add("task not started: " + t));
            err.println("duet: cut short by Ctrl-C" + (cut.isEmpty() ? ": nothing" : ":\n  " + String.join("\n  ", cut)));
            err.flush();
        };
    }

    /** The planned tasks after the last one that started. */
    private List<String> notStarted() {
        List<String> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Plan.PlannedPlay play : plan.plays()) {
            for (Plan.PlannedTask task : play.tasks()) {
                keys.add(play.play().name() + "\u0000" + task.task().name());
                names.add(task.task().name());
            }
        }
        int last = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (started.contains(keys.get(i))) {
                last = i;
            }
        }
        return names.subList(last + 1, names.size());
    }
}
