package dev.duet.playbook;

import dev.duet.engine.Args;
import dev.duet.engine.Facts;
import dev.duet.engine.Plan;
import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import dev.duet.playbook.expr.ExprError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load-time check of task arguments that come from variables: each templated argument whose value
 * does not depend on gathered facts is rendered for every host it runs on and passed to the module's
 * {@link dev.duet.engine.Module#validate} (the same check a literal gets), so {@code resource: "{{ r }}"}
 * with {@code r: "r0;reboot"} is refused before any host is contacted, at the line that defined {@code r}.
 * Arguments that need facts are left to bind time, when they are rendered with the facts.
 */
public final class TemplatedArgsCheck {
    /** Values the runner adds per host at run time; an argument reading them cannot be known earlier. */
    private static final Set<String> RUNTIME = runtimeNames();

    private final Inventory inventory;
    private final Map<String, Object> extraVars;

    public TemplatedArgsCheck(Inventory inventory, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.extraVars = extraVars;
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
        // extra vars reach a host the way the runner passes them: with the facts, over play and inventory vars
        Map<String, Object> vars = Vars.forHost(play, inventory, host, Map.of(host.name(), extraVars));
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
            } catch (ExprError e) {
                return; // undefined names are the planner's to report; anything else fails at bind
            }
            try {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(key, rendered);
                pt.module().validate(one, null);
            } catch (InputException e) {
                throw refusal(play, task, host, key, raw, e.getMessage());
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
                Definition def = definitionOf(name, play, host);
                if (seen.add(name) && def != null && def.raw() != null) {
                    todo.push(def.raw());
                }
            }
        }
        return false;
    }

    /** A variable's winning definition: its raw value and where it was written (null for -e). */
    private record Definition(String name, Object raw, Args.Location at, boolean extra) {
        String describe() {
            return extra ? "extra variable (-e) '" + name + "'"
                    : "variable '" + name + "'" + (at == null ? "" : " at " + at.describe());
        }
    }

    private Definition definitionOf(String name, Play play, Host host) {
        if (extraVars.containsKey(name)) {
            return new Definition(name, extraVars.get(name), null, true);
        }
        if (play.vars().containsKey(name)) {
            return new Definition(name, play.vars().get(name), play.varOrigins().get(name), false);
        }
        if (host.vars().containsKey(name)) {
            return new Definition(name, host.vars().get(name), inventory.origin(host.name(), name).orElse(null), false);
        }
        return null;
    }

    /** The variables with literal values that {@code def} is built from (itself if it is literal). */
    private void leaves(Definition def, Play play, Host host, Set<String> seen, java.util.List<Definition> out) {
        if (!seen.add(def.name())) {
            return;
        }
        if (!Templater.hasTemplate(def.raw())) {
            out.add(def);
            return;
        }
        for (String name : Templater.undefinedVariables(def.raw(), Set.of())) {
            Definition inner = definitionOf(name, play, host);
            if (inner != null) {
                leaves(inner, play, host, seen, out);
            }
        }
    }

    /**
     * Blames the variable the bad value was written in: the argument's variable, or, when that is itself
     * a template over exactly one literal variable, that one (naming the way through).
     */
    private InputException refusal(Play play, Task task, Host host, String key, Object raw, String problem) {
        String used = " is used by task '" + task.name() + "' (" + describe(task.where()) + "), argument '" + key
                + "' = '" + raw + "' on host " + host.name() + ": " + problem;
        for (String name : Templater.undefinedVariables(raw, Set.of())) {
            Definition direct = definitionOf(name, play, host);
            if (direct == null) {
                continue;
            }
            java.util.List<Definition> found = new java.util.ArrayList<>();
            leaves(direct, play, host, new HashSet<>(), found);
            Definition blamed = found.size() == 1 ? found.get(0) : direct;
            String via = blamed == direct ? "" : " (through " + direct.describe() + ")";
            String text = (blamed.extra() ? "extra variable (-e) '" : "variable '") + blamed.name() + "'" + via + used;
            Args.Location at = blamed.at();
            return at == null ? new InputException(text) : new InputException(at.file(), at.line(), at.column(), text);
        }
        Args.Location where = task.where();
        String text = "the value" + used;
        return where == null ? new InputException(text)
                : new InputException(where.file(), where.line(), where.column(), text);
    }

    private static String describe(Args.Location where) {
        return where == null ? "?" : where.describe();
    }
}
