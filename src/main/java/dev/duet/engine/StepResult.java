package dev.duet.engine;

import dev.duet.error.Reason;
import java.time.Duration;

/**
 * One task's outcome on one host. {@code remote} is the time spent in remote commands, so that the
 * orchestration overhead (wall minus remote) is visible. {@code reason} is set for failures.
 */
public record StepResult(String host, String task, Status status, String message, String diff,
                         Duration duration, Duration remote, Reason reason) {
}
