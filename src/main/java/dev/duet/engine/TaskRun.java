package dev.duet.engine;

import dev.duet.error.InputException;
import dev.duet.playbook.Task;
import dev.duet.playbook.TaskKeywords;
import dev.duet.playbook.Templating;
import dev.duet.playbook.expr.Values;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task on one host with its Ansible keywords: {@code loop} (the step once per item), then
 * {@code failed_when} / {@code changed_when} on the result, {@code register}, {@code ignore_errors} and
 * {@code no_log}. In check mode the registered result is what the check half read; a judgement that
 * needs what only the act half would know (a command's rc) makes the task "skipped, no check mode
 * support", as Ansible does.
 */
final class TaskRun {
    static final String HIDDEN = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    private final TaskExecution execution;
    private final Templating templating;
    private final RunOptions options;

    TaskRun(TaskExecution execution, Templating templating, RunOptions options) {
        this.execution = execution;
        this.templating = templating;
        this.options = options;
    }

    StepResult run(Plan.PlannedTask planned, HostRun hr, Map<String, Node> playNodes, CheckBarrier.Party barrier) {
        try {
            return runHere(planned, hr, playNodes, barrier);
        } finally {
            barrier.leave();
        }
    }

    private StepResult runHere(Plan.PlannedTask planned, HostRun hr, Map<String, Node> playNodes, CheckBarrier.Party barrier) {
        Task task = planned.task();
        TaskKeywords kw = task.keywords();
        long t0 = System.nanoTime();
        Duration remote0 = hr.timed.spent();
        // check_mode: false never lifts the guard: a task declared read-only runs as a read-only command
        boolean check = options.checkMode() || Boolean.TRUE.equals(kw.checkMode());
        boolean probe = options.checkMode() && Boolean.FALSE.equals(kw.checkMode());
        StepOutcome outcome;
        Map<String, Object> registered;
        try {
            Node node = hr.nodeFor(planned);
            if (kw.loop() == null) {
                outcome = judge(task, execution.once(planned, hr, node, playNodes, hr.vars, check, probe, barrier), hr.vars);
                registered = outcome.registered();
            } else {
                LoopRun loop = new LoopRun(task, templating);
                for (Object item : loop.items(hr.vars)) {
                    Map<String, Object> vars = LayeredVars.with(hr.vars, kw.loopVar(), item);
                    StepOutcome one = judge(task, execution.once(planned, hr, node, playNodes, vars, check, probe, barrier), vars);
                    loop.add(item, vars, one);
                }
                outcome = loop.outcome();
                registered = loop.registered(outcome);
            }
        } catch (InputException e) {
            outcome = StepOutcome.of(Status.FAILED, e.getMessage());
            registered = outcome.registered();
        }
        if (kw.register() != null) {
            hr.registered.put(kw.register(), registered);
        }
        String message = kw.noLog() ? HIDDEN : outcome.message();
        String diff = kw.noLog() ? null : outcome.diff();
        StepResult r = new StepResult(hr.host.name(), task.name(), outcome.status(), message, diff,
                Duration.ofNanos(System.nanoTime() - t0), hr.timed.spent().minus(remote0), outcome.reason())
                .withValues(kw.noLog() ? Map.of() : registered);
        return kw.ignoreErrors() && r.status() == Status.FAILED ? r.asIgnored() : r;
    }

    /** Applies failed_when and changed_when, which see the result under the register name. */
    private StepOutcome judge(Task task, StepOutcome o, Map<String, Object> vars) {
        TaskKeywords kw = task.keywords();
        if (o.status() == Status.SKIPPED || o.status() == Status.UNREACHABLE
                || (kw.failedWhen() == null && kw.changedWhen() == null)) {
            return o;
        }
        if (o.unknown()) {
            return o.with(Status.SKIPPED, "skipped, no check mode support: changed_when/failed_when need the result of"
                    + " running it (" + o.message() + ")");
        }
        Map<String, Object> seen = kw.register() == null ? vars : LayeredVars.with(vars, kw.register(), o.registered());
        try {
            StepOutcome out = o;
            if (kw.failedWhen() != null) {
                boolean failed = templating.when(kw.failedWhen(), seen, task.where());
                if (failed && o.status() != Status.FAILED) {
                    out = o.with(Status.FAILED, "failed_when is true: " + kw.failedWhen() + " (" + o.message() + ")");
                } else if (!failed && o.status() == Status.FAILED) {
                    out = new StepOutcome(Status.CHANGED, o.message(), o.diff(), null, o.values(), o.unknown());
                }
            }
            if (kw.changedWhen() != null && out.status() != Status.FAILED) {
                boolean changed = templating.when(kw.changedWhen(), seen, task.where());
                out = out.with(changed ? Status.CHANGED : Status.OK, out.message());
            }
            return out;
        } catch (InputException e) {
            return o.with(Status.FAILED, e.getMessage());
        }
    }

    /** A loop's items, their outcomes, and the aggregate Ansible reports (failed if any failed, else changed if any changed). */
    private static final class LoopRun {
        private final Task task;
        private final Templating templating;
        private final List<Map<String, Object>> results = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private final List<StepOutcome> outcomes = new ArrayList<>();

        LoopRun(Task task, Templating templating) {
            this.task = task;
            this.templating = templating;
        }

        List<?> items(Map<String, Object> vars) {
            Object raw = task.keywords().loop();
            Object items = templating.render(Map.of("loop", raw), vars, task.where()).get("loop");
            if (items instanceof List<?> l) {
                return l;
            }
            throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                    "loop: expected a list, got '" + Values.text(items) + "'");
        }

        void add(Object item, Map<String, Object> vars, StepOutcome one) {
            String label = task.keywords().loopLabel() == null ? Values.text(item)
                    : templating.renderString(task.keywords().loopLabel(), vars, task.where());
            Map<String, Object> r = one.registered();
            r.put(task.keywords().loopVar(), item);
            results.add(r);
            outcomes.add(one);
            lines.add("(item=" + label + ") " + one.status().word() + (one.message() == null ? "" : ": " + one.message()));
        }

        StepOutcome outcome() {
            Status s = outcomes.isEmpty() ? Status.SKIPPED : Status.OK;
            if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.status() == Status.SKIPPED)) {
                s = Status.SKIPPED;
            } else if (outcomes.stream().anyMatch(o -> o.status() == Status.FAILED)) {
                s = Status.FAILED;
            } else if (outcomes.stream().anyMatch(o -> o.status() == Status.CHANGED)) {
                s = Status.CHANGED;
            }
            String msg = outcomes.isEmpty() ? "no items" : String.join("; ", lines);
            String diff = outcomes.stream().map(StepOutcome::diff).filter(d -> d != null)
                    .reduce((a, b) -> a + b).orElse(null);
            return new StepOutcome(s, msg, diff, null, Map.of(), outcomes.stream().anyMatch(StepOutcome::unknown));
        }

        Map<String, Object> registered(StepOutcome aggregate) {
            Map<String, Object> r = new LinkedHashMap<>(aggregate.registered());
            r.put("results", results);
            return r;
        }
    }
}
