package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.playbook.Task;
import dev.duet.playbook.Templating;
import dev.duet.playbook.UndefinedValueException;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Probe;
import dev.duet.step.Step;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.Node;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one planned task (one loop item) on one host: when, templating, binding, check half, and
 * (unless checking) act half. {@code check} is this task's check mode (the run's, unless the task sets
 * {@code check_mode}); {@code probe}: in check mode, a task declared read-only runs as a read-only command.
 */
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

    StepOutcome once(Plan.PlannedTask planned, HostRun hr, Node node, Map<String, Node> playNodes,
                     Map<String, Object> vars, boolean check, boolean probe, CheckBarrier.Party barrier) {
        Task task = planned.task();
        try {
            if (task.when() != null && !templating.when(task.when(), vars, task.where())) {
                return StepOutcome.of(Status.SKIPPED, "conditional result was False: " + task.when());
            }
            Map<String, Object> args = templating.render(task.args(), vars, task.where());
            Step step = planned.module().bind(new Args(planned.module().name(), args, task.where()));
            var ctx = new HostContext(hr.host, node, playNodes, vars, check, listener, task.name(), templating);
            Check found = step.check(ctx);
            if (found.kind() == Check.Kind.CHANGE && !check) {
                // every host has read what its check reads before any host acts on what it found
                barrier.checkedAndActing(hr.host.name());
            } else {
                barrier.leave();
            }
            // The act half sees the hosts themselves: what it acts on is read again, never remembered.
            var actCtx = new HostContext(hr.host, CachedNode.fresh(node), CachedNode.fresh(playNodes), vars, check,
                    listener, task.name(), templating);
            return switch (found.kind()) {
                case OK -> new StepOutcome(Status.OK, found.message(), null, null, found.result(), false);
                case SKIP -> new StepOutcome(Status.SKIPPED, found.message(), null, null, found.result(), false);
                case CHANGE -> {
                    if (check && probe && step instanceof Probe p) {
                        yield done(p.probe(actCtx));
                    }
                    if (check) {
                        hr.wouldChangeEarlier = true;
                        // a command's check only says it would run: what it would return is unknown
                        yield new StepOutcome(Status.CHANGED, found.message(), found.diff(), null, found.result(),
                                step instanceof Probe);
                    }
                    yield done(CachedNode.acting(node, () -> ActAfterDrop.act(step, actCtx, found)));
                }
            };
        } catch (UndefinedValueException e) {
            if (check) {
                return StepOutcome.of(Status.SKIPPED, "skipped, no check mode support: " + e.getMessage()
                        + " (a registered result holds only what a check half read; this is known once the task it comes from runs)");
            }
            return new StepOutcome(Status.FAILED, e.getMessage(), null, e.reason(), Map.of(), false);
        } catch (DuetException e) {
            if (check && hr.wouldChangeEarlier && e.reason() != Reason.CHECK_MODE_VIOLATION
                    && e.reason() != Reason.INPUT && e.reason() != Reason.UNREACHABLE) {
                // The state this check needs is made by an earlier step that check mode did not run.
                return new StepOutcome(Status.CHANGED, "would change; exact effect unknown until earlier changes are applied ("
                        + e.getMessage() + ")", null, null, Map.of(), true);
            }
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            if (e instanceof CommandFailedException failed) {
                // the command ran and failed: register and failed_when see its rc and output
                values.put("rc", failed.result().exitCode());
                values.put("stdout", strip(failed.result().stdout()));
                values.put("stderr", strip(failed.result().stderr()));
            }
            Status s = e.reason() == Reason.UNREACHABLE ? Status.UNREACHABLE : Status.FAILED;
            return new StepOutcome(s, e.getMessage(), null, e.reason(), values, false);
        } catch (RuntimeException e) {
            LOG.error("{}: task '{}' failed with an internal error", hr.host.name(), task.name(), e);
            return StepOutcome.of(Status.FAILED, "internal error: " + e);
        }
    }

    /**
     * The check half of a task ahead of its turn ({@link ChecksAhead}), on nodes that answer from memory
     * only: what it would read is noted there. Its outcome is dropped, and so is anything it throws (a
     * value registered later, a read not remembered yet): it is a guess at what to read, nothing more.
     */
    void lookAhead(Plan.PlannedTask planned, HostRun hr, Node node, Map<String, Node> nodes) {
        Task task = planned.task();
        try {
            if (task.when() != null && !templating.when(task.when(), hr.vars, task.where())) {
                return;
            }
            Map<String, Object> args = templating.render(task.args(), hr.vars, task.where());
            Step step = planned.module().bind(new Args(planned.module().name(), args, task.where()));
            boolean check = options.checkMode() || Boolean.TRUE.equals(task.keywords().checkMode());
            HostContext ctx = new HostContext(hr.host, node, nodes, hr.vars, check, event -> { }, task.name(), templating);
            if (node instanceof AheadNode ahead) {
                ahead.hint(step.likelyReads(ctx));
            }
            step.check(ctx);
        } catch (RuntimeException ignored) {
            // AheadNode.Stop, or what the task's real turn will report in its own words
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static StepOutcome done(Done done) {
        return new StepOutcome(done.changed() ? Status.CHANGED : Status.OK, done.message(), done.diff(), null,
                done.result(), false);
    }
}
