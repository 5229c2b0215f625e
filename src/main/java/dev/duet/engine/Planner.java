package dev.duet.engine;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Task;
import dev.duet.playbook.Templating;
import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@link Plan}: resolves host patterns, run_on/run_once targets and tag selection, and
 * finds every undefined variable and unknown module before a single host is contacted.
 */
public final class Planner {
    /**
     * Variables the runner adds besides inventory, play vars, magic variables (all in the templating's vars)
     * and facts. Nothing else is assumed: a name is known here only if it will be defined when the task runs.
     */
    private static final Set<String> MAGIC = Set.of("ansible_check_mode");

    private final ModuleRegistry modules;
    private final Templating templating;
    private final Function<String, List<Host>> hostPattern;

    public Planner(ModuleRegistry modules, Templating templating, Function<String, List<Host>> hostPattern) {
        this.modules = modules;
        this.templating = templating;
        this.hostPattern = hostPattern;
    }

    public Plan plan(Playbook playbook, RunOptions options) {
        List<Plan.PlannedPlay> plays = new ArrayList<>();
        for (Play play : playbook.plays()) {
            List<Host> hosts = hostPattern.apply(play.hosts());
            if (hosts.isEmpty()) {
                throw new InputException(play.where().file(), play.where().line(), play.where().column(),
                        "play '" + play.name() + "': host pattern '" + play.hosts() + "' matches no host in the inventory");
            }
            List<Plan.PlannedTask> tasks = new ArrayList<>();
            for (Task task : play.tasks()) {
                if (!options.selects(task.tags())) {
                    continue;
                }
                Module module = modules.find(task.module()).orElseThrow(() -> new InputException(
                        task.where().file(), task.where().line(), task.where().column(),
                        "unknown module '" + task.module() + "' (known: " + String.join(", ", modules.names()) + ")"));
                checkDefined(play, task, hosts, options);
                tasks.add(new Plan.PlannedTask(task, module, targets(play, task, hosts, options)));
            }
            Map<String, Boolean> become = new java.util.LinkedHashMap<>();
            for (Host host : hosts) {
                become.put(host.name(), Become.effective(play, templating.vars(play, host, Map.of()), options.extraVars()));
            }
            plays.add(new Plan.PlannedPlay(play, hosts, tasks, become));
        }
        return new Plan(plays);
    }

    private List<String> targets(Play play, Task task, List<Host> hosts, RunOptions options) {
        if (task.runOn() != null) {
            Host first = hosts.get(0);
            Map<String, Object> vars = withExtra(templating.vars(play, first, Map.of()), options);
            String name = templating.renderString(task.runOn(), vars, task.where());
            if (hosts.stream().noneMatch(h -> h.name().equals(name))) {
                throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                        "task '" + task.name() + "': run_on names '" + name + "', which is not a host of play '"
                                + play.name() + "' (hosts: " + hosts.stream().map(Host::name).toList() + ")");
            }
            return List.of(name);
        }
        if (task.runOnce()) {
            return List.of(hosts.get(0).name());
        }
        return hosts.stream().map(Host::name).toList();
    }

    private void checkDefined(Play play, Task task, List<Host> hosts, RunOptions options) {
        for (Host host : hosts) {
            Set<String> known = new HashSet<>(MAGIC);
            known.addAll(Facts.NAMES);
            known.addAll(options.extraVars().keySet());
            known.addAll(templating.vars(play, host, Map.of()).keySet());
            Set<String> missing = new HashSet<>(templating.undefined(task.args(), known));
            if (task.when() != null) {
                missing.addAll(templating.undefinedInWhen(task.when(), known, task.where()));
            }
            if (!missing.isEmpty()) {
                throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                        "task '" + task.name() + "' " + FactNames.describe(missing)
                                + " for host " + host.name() + " (define them in the inventory, the play's vars or with -e)");
            }
            Set<String> unknownFacts = FactNames.unknownKeys(task.when() == null ? task.args() : List.of(task.args(), task.when()));
            if (!unknownFacts.isEmpty()) {
                throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                        "task '" + task.name() + "' reads ansible_facts " + unknownFacts + ", which Duet does not gather"
                                + " (it gathers " + String.join(", ", Facts.KEYS) + ")");
            }
        }
    }

    static Map<String, Object> withExtra(Map<String, Object> vars, RunOptions options) {
        if (options.extraVars().isEmpty()) {
            return vars;
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>(vars);
        all.putAll(options.extraVars());
        return all;
    }
}
