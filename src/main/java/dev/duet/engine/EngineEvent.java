package dev.duet.engine;

import dev.duet.step.Progress;
import java.util.List;

/** What the runner tells renderers. Nothing in the engine knows how output looks. */
public sealed interface EngineEvent {
    record PlayStarted(String play, List<String> hosts, boolean checkMode) implements EngineEvent {
    }

    record TaskStarted(String play, String task, String module, List<String> hosts, int index, int total)
            implements EngineEvent {
    }

    record HostDone(String module, StepResult result) implements EngineEvent {
    }

    record ProgressMade(String host, String task, Progress progress) implements EngineEvent {
    }

    record Warned(String host, String task, String message) implements EngineEvent {
    }

    record RunFinished(Recap recap, List<PhaseTiming> timings) implements EngineEvent {
    }
}
