package dev.duet.engine;

import dev.duet.step.Progress;
import java.util.List;

/** What the runner tells renderers. Nothing in the engine knows how output looks. */
public sealed interface EngineEvent {
    record PlayStarted(String play, List<String> hosts, boolean checkMode) implements EngineEvent {
    }

    /** {@code handler}: a handler run at a flush point (Ansible's RUNNING HANDLER). */
    record TaskStarted(String play, String task, String module, List<String> hosts, int index, int total,
                       boolean handler) implements EngineEvent {
        public TaskStarted(String play, String task, String module, List<String> hosts, int index, int total) {
            this(play, task, module, hosts, index, total, false);
        }
    }

    /**
     * The run starts reading ahead for the checks of the tasks to come ({@link ChecksAhead}), on these
     * hosts: the commands that follow belong to no one task.
     */
    record ReadingAhead(List<String> hosts) implements EngineEvent {
    }

    record HostDone(String module, StepResult result) implements EngineEvent {
    }

    record ProgressMade(String host, String task, Progress progress) implements EngineEvent {
    }

    record Warned(String host, String task, String message) implements EngineEvent {
    }

    /** A remote command (or file read/write) ended on {@code host}; {@code stdout}/{@code stderr} may be null. */
    record CommandRan(String host, String line, int exit, String stdout, String stderr, java.time.Duration took)
            implements EngineEvent {
    }

    record RunFinished(Recap recap, List<PhaseTiming> timings) implements EngineEvent {
    }
}
