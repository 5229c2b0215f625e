package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.playbook.Task;
import dev.duet.playbook.Templating;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one planned task on one host: when, templating, binding, check half, and (unless checking) act half. */
final class TaskExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);

    private final Templating templating;
    private final RunOptions options;
    private final EventListener listener;

    TaskExecution(Templating templating, RunOptions options, EventListener listener) {
        this.templating = templating;
        this.options = options;
        this.listener = listener;
    }

    StepResult run(Plan.PlannedTask planned, HostRun hr, Map<String, Node> playNodes) {
        Task task = planned.task();
        long t0 = System.nanoTime();
        Duration remote0 = hr.timed.spent();
        try {
            if (task.when() != null && !templating.when(task.when(), hr.vars, task.where())) {
                return result(hr, task, Status.SKIPPED, "conditional result was False: " + task.when(), null, t0, remote0, null);
            }
            Map<String, Object> args = templating.render(task.args(), hr.vars, task.where());
            Step step = planned.module().bind(new Args(planned.module().name(), args, task.where()));
            var ctx = new HostContext(hr.host, hr.node, playNodes, hr.vars, options.checkMode(), listener, task.name());
            Check check = step.check(ctx);
            // The act half sees the hosts themselves: what it acts on is read again, never remembered.
            var actCtx = new HostContext(hr.host, CachedNode.fresh(hr.node), CachedNode.fresh(playNodes), hr.vars,
                    options.checkMode(), listener, task.name());
            return switch (check.kind()) {
                case OK -> result(hr, task, Status.OK, check.message(), null, t0, remote0, null);
                case SKIP -> result(hr, task, Status.SKIPPED, check.message(), null, t0, remote0, null);
                case CHANGE -> {
                    if (options.checkMode()) {
                        hr.wouldChangeEarlier = true;
                        yield result(hr, task, Status.CHANGED, check.message(), check.diff(), t0, remote0, null);
                    }
                    Done done = ActAfterDrop.act(step, actCtx, check);
                    yield result(hr, task, done.changed() ? Status.CHANGED : Status.OK, done.message(), done.diff(),
                            t0, remote0, null);
                }
            };
        } catch (DuetException e) {
            if (options.checkMode() && hr.wouldChangeEarlier && e.reason() != Reason.CHECK_MODE_VIOLATION
                    && e.reason() != Reason.INPUT && e.reason() != Reason.UNREACHABLE) {
                // The state this check needs is made by an earlier step that check mode did not run.
                return result(hr, task, Status.CHANGED, "would change; exact effect unknown until earlier changes are applied ("
                        + e.getMessage() + ")", null, t0, remote0, null);
            }
            Status s = e.reason() == Reason.UNREACHABLE ? Status.UNREACHABLE : Status.FAILED;
            return result(hr, task, s, e.getMessage(), null, t0, remote0, e.reason());
        } catch (RuntimeException e) {
            LOG.error("{}: task '{}' failed with an internal error", hr.host.name(), task.name(), e);
            return result(hr, task, Status.FAILED, "internal error: " + e, null, t0, remote0, null);
        }
    }

    private StepResult result(HostRun hr, Task task, Status status, String message, String diff, long t0,
                              Duration remote0, Reason reason) {
        return new StepResult(hr.host.name(), task.name(), status, message, diff,
                Duration.ofNanos(System.nanoTime() - t0), hr.timed.spent().minus(remote0), reason);
    }
}
