package dev.duet.engine;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import dev.duet.playbook.Templater;
import dev.duet.playbook.VarBlame;
import dev.duet.playbook.Vars;
import dev.duet.playbook.When;
import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.ExprLimit;
import dev.duet.step.Args;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load-time check of task arguments that come from variables: each templated argument whose value
 * does not depend on gathered facts is rendered for every host it runs on and passed to the module's
 * {@link dev.duet.step.Module#validate} (the same check a literal gets), so {@code resource: "{{ r }}"}
 * with {@code r: "r0;reboot"} is refused before any host is contacted, at the line that defined {@code r}.
 * Arguments that need facts are left to bind time, when they are rendered with the facts.
 */
public final class TemplatedArgsCheck {
    /** Values the runner adds per host at run time; an argument reading them cannot be known earlier. */
    private static final Set<String> RUNTIME = runtimeNames();

    private final Inventory inventory;
    private final Map<String, Object> extraVars;
    private final VarBlame blamer;

    public TemplatedArgsCheck(Inventory inventory, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.extraVars = extraVars;
        this.blamer = new VarBlame(inventory, extraVars);
    }

    private static Set<String> runtimeNames() {
        Set<String> names = new HashSet<>(Facts.NAMES);
        names.add("ansible_check_mode");
        return Set.copyOf(names);
    }

    /** Throws an {@link InputException} at the variable's definition for the first bad value. */
    public void check(Plan plan) {
        for (Plan.PlannedPlay planned : plan.plays()) {
            Play play = planned.play();
            for (Plan.PlannedTask pt : planned.tasks()) {
                for (String hostName : pt.hosts()) {
                    Host host = inventory.hosts().get(hostName);
                    if (host != null) {
                        checkTask(play, pt, host);
                    }
                }
            }
        }
    }

    private void checkTask(Play play, Plan.PlannedTask pt, Host host) {
        Task task = pt.task();
        // extra vars reach a host the way the runner passes them: over play and inventory vars
        Map<String, Object> vars = Vars.forHost(play, inventory, host, Map.of(), extraVars);
        if (skippedHere(task, vars)) {
            return;
        }
        task.args().forEach((key, raw) -> {
            if (!Templater.hasTemplate(raw) || dependsOnRuntime(raw, play, host)) {
                return;
            }
            Object rendered;
            try {
                rendered = Templater.renderUnlocated(raw, vars);
            } catch (ExprLimit e) {
                throw located(task, "task '" + task.name() + "', argument '" + key + "' on host " + host.name()
                        + ": " + e.getMessage());
            } catch (ExprError e) {
                return; // undefined names are the planner's to report; anything else fails at bind
            }
            try {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(key, rendered);
                pt.module().validate(one, null);
            } catch (InputException e) {
                throw refusal(play, task, host, key, raw, rendered, e.getMessage());
            }
        });
    }

    /** A {@code when:} that is false without facts skips the task on this host: its values are never used. */
    private boolean skippedHere(Task task, Map<String, Object> vars) {
        if (task.when() == null) {
            return false;
        }
        try {
            return !When.evaluate(task.when(), vars, task.where());
        } catch (InputException e) {
            return false; // needs facts: check the values, a bad name is bad wherever it would run
        }
    }

    /** True if {@code raw}'s templates reach (through variables) a name only known at run time. */
    private boolean dependsOnRuntime(Object raw, Play play, Host host) {
        Set<String> seen = new HashSet<>();
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(raw);
        while (!todo.isEmpty()) {
            for (String name : Templater.undefinedVariables(todo.pop(), Set.of())) {
                if (RUNTIME.contains(name)) {
                    return true;
                }
                VarBlame.Definition def = blamer.definition(name, play, host);
                if (seen.add(name) && def != null && def.raw() != null) {
                    todo.push(def.raw());
                }
            }
        }
        return false;
    }

    private InputException refusal(Play play, Task task, Host host, String key, Object raw, Object rendered,
                                   String problem) {
        String used = " is used by task '" + task.name() + "' (" + describe(task.where()) + "), argument '" + key
                + "' = '" + raw + "' on host " + host.name() + ": " + problem;
        VarBlame.Blame blame = blamer.blame(raw, rendered, play, host);
        if (blame == null) {
            Args.Location where = task.where();
            return where == null ? new InputException("the value" + used)
                    : new InputException(where.file(), where.line(), where.column(), "the value" + used);
        }
        VarBlame.Definition blamed = blame.blamed();
        String via = blamed == blame.direct() ? "" : " (through " + blame.direct().describe() + ")";
        String text = (blamed.extra() ? "extra variable (-e) '" : "variable '") + blamed.name() + "'" + via + used;
        Args.Location at = blamed.at();
        return at == null ? new InputException(text) : new InputException(at.file(), at.line(), at.column(), text);
    }

    private static InputException located(Task task, String message) {
        Args.Location where = task.where();
        return where == null ? new InputException(message)
                : new InputException(where.file(), where.line(), where.column(), message);
    }

    private static String describe(Args.Location where) {
        return where == null ? "?" : where.describe();
    }
}
