package dev.duet.engine;

import dev.duet.error.Reason;
import java.time.Duration;

/**
 * One task's outcome on one host. {@code remote} is the time spent in remote commands, so that the
 * orchestration overhead (wall minus remote) is visible. {@code reason} is set for failures.
 * {@code ignored}: a failure that {@code ignore_errors} or a block's {@code rescue} lets the host survive
 * (the recap counts it as ignored or rescued, not failed). {@code values}: what a {@code register:} of
 * it holds (empty for a {@code no_log} task).
 */
public record StepResult(String host, String task, Status status, String message, String diff,
                         Duration duration, Duration remote, Reason reason, boolean ignored,
                         java.util.Map<String, Object> values) {
    public StepResult {
        values = values == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public StepResult(String host, String task, Status status, String message, String diff,
                      Duration duration, Duration remote, Reason reason, boolean ignored) {
        this(host, task, status, message, diff, duration, remote, reason, ignored, null);
    }

    public StepResult(String host, String task, Status status, String message, String diff,
                      Duration duration, Duration remote, Reason reason) {
        this(host, task, status, message, diff, duration, remote, reason, false);
    }

    public StepResult asIgnored() {
        return new StepResult(host, task, status, message, diff, duration, remote, reason, true, values);
    }

    /** The same result with the values a register would hold ({@code -v} shows them). */
    public StepResult withValues(java.util.Map<String, Object> v) {
        return new StepResult(host, task, status, message, diff, duration, remote, reason, ignored, v);
    }

    /** A failure that stops the host (not an ignored or rescued one). */
    public boolean fatal() {
        return !ignored && (status == Status.FAILED || status == Status.UNREACHABLE);
    }
}
