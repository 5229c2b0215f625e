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
    /** Ansible's names for its implicit localhost. */
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1");

    private final ModuleRegistry modules;
    private final Templating templating;
    private final Function<String, List<Host>> hostPattern;
    /** Host names {@code --limit} keeps, or null for no limit. */
    private final Set<String> limit;
    /** Where {@code delegate_to} hosts are found: the whole inventory, even when a pair's run sees only its own. */
    private Function<String, java.util.Optional<Host>> delegateHosts;

    public Planner(ModuleRegistry modules, Templating templating, Function<String, List<Host>> hostPattern) {
        this(modules, templating, hostPattern, null);
    }

    /** {@code limit}: the hosts {@code --limit} selected (null: every host); a play left without hosts is skipped. */
    public Planner(ModuleRegistry modules, Templating templating, Function<String, List<Host>> hostPattern,
                   Set<String> limit) {
        this.modules = modules;
        this.templating = templating;
        this.hostPattern = hostPattern;
        this.limit = limit == null ? null : Set.copyOf(limit);
        this.delegateHosts = name -> {
            try {
                return hostPattern.apply(name).stream().filter(h -> h.name().equals(name)).findFirst();
            } catch (InputException noSuchHost) {
                return java.util.Optional.empty();
            }
        };
    }

    /** Finds {@code delegate_to} hosts with {@code hosts} (the whole inventory) instead of the play's host pattern. */
    public Planner delegatingTo(Function<String, java.util.Optional<Host>> hosts) {
        this.delegateHosts = hosts;
        return this;
    }

    public Plan plan(Playbook playbook, RunOptions options) {
        List<Plan.PlannedPlay> plays = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        for (Play play : playbook.plays()) {
            List<Host> hosts = hostPattern.apply(play.hosts());
            if (hosts.isEmpty()) {
                throw new InputException(play.where().file(), play.where().line(), play.where().column(),
                        "play '" + play.name() + "': host pattern '" + play.hosts() + "' matches no host in the inventory");
            }
            registered.addAll(RegisteredNames.of(play));
            List<Host> all = hosts;
            if (limit != null) {
                hosts = hosts.stream().filter(h -> limit.contains(h.name())).toList();
                if (hosts.isEmpty()) {
                    // as ansible-playbook: the play is shown and skipped, "no hosts matched"
                    plays.add(new Plan.PlannedPlay(play, List.of(), List.of(), Map.of()));
                    continue;
                }
            }
            List<List<Host>> batches = play.serial() == null ? List.of(hosts) : play.serial().batches(hosts);
            if (batches.size() > 1) {
                SerialPairs.check(play, hosts, batches.get(0), modules);
            }
            for (int b = 0; b < batches.size(); b++) {
                plays.add(planBatch(play, batches.get(b), b, hosts, all, options, registered));
            }
        }
        return new Plan(plays);
    }

    /** One batch of a play ({@code serial}), or the whole play: {@code kept} are its hosts after --limit. */
    private Plan.PlannedPlay planBatch(Play play, List<Host> batch, int index, List<Host> kept, List<Host> all,
                                       RunOptions options, Set<String> registered) {
        List<Plan.PlannedTask> tasks = new ArrayList<>();
        for (int i = 0; i < play.tasks().size(); i++) {
            Task task = play.tasks().get(i);
            if (task.isFlushHandlers() || options.selects(task.tags())) {
                tasks.add(planned(play, task, batch, kept, all, options, registered));
            }
            if (play.partEnds().contains(i + 1) && !play.handlers().isEmpty()) {
                tasks.add(new Plan.PlannedTask(Flush.task(task.where()), Flush.MODULE, batch.stream().map(Host::name).toList()));
            }
        }
        List<Plan.PlannedTask> handlers = new ArrayList<>();
        for (Task task : play.handlers()) {
            handlers.add(planned(play, task, batch, kept, all, options, registered));
        }
        Map<String, Boolean> become = new java.util.LinkedHashMap<>();
        java.util.Set<String> byVariable = new java.util.HashSet<>();
        for (Host host : batch) {
            Map<String, Object> vars = templating.vars(play, host, Map.of());
            become.put(host.name(), Become.effective(play, vars, options.extraVars()));
            if (Become.byVariable(vars, options.extraVars())) {
                byVariable.add(host.name());
            }
        }
        return new Plan.PlannedPlay(play, batch, tasks, become, handlers, index, byVariable);
    }

    private Plan.PlannedTask planned(Play play, Task task, List<Host> batch, List<Host> kept, List<Host> all,
                                     RunOptions options, Set<String> registered) {
        if (task.isFlushHandlers()) {
            return new Plan.PlannedTask(task, Flush.MODULE, batch.stream().map(Host::name).toList());
        }
        Module module = modules.find(task.module()).orElseThrow(() -> new InputException(
                task.where().file(), task.where().line(), task.where().column(),
                "unknown module '" + task.module() + "' (known: " + String.join(", ", modules.names()) + ")"));
        checkDefined(play, task, batch, options, registered);
        List<String> targets = targets(play, task, kept, all, options);
        // with serial, run_once is once per batch (as in Ansible) and run_on runs in its host's batch
        List<String> inBatch = batch.stream().map(Host::name).toList();
        targets = task.runOnce() ? List.of(inBatch.get(0)) : targets.stream().filter(inBatch::contains).toList();
        Map<String, Host> delegates = new java.util.LinkedHashMap<>();
        if (task.keywords().delegateTo() != null) {
            for (Host host : batch) {
                if (targets.contains(host.name())) {
                    delegates.put(host.name(), delegate(play, task, host, options));
                }
            }
        }
        return new Plan.PlannedTask(task, module, targets, delegates);
    }

    /**
     * Where {@code delegate_to} sends this host's task: rendered with the host's own variables (inventory,
     * play vars, -e; not facts, not registered results), then found in the inventory by name.
     */
    private Host delegate(Play play, Task task, Host host, RunOptions options) {
        String name = templating.renderString(task.keywords().delegateTo(),
                withExtra(templating.vars(play, host, Map.of()), options), task.where()).strip();
        java.util.Optional<Host> found = delegateHosts.apply(name);
        if (found.isPresent()) {
            return found.get();
        }
        String why = LOCAL.contains(name)
                ? ", and Duet does not run tasks on the control machine as Ansible's implicit localhost does:"
                        + " add the host to the inventory (with its SSH address) or drop delegate_to"
                : "; delegate_to takes an inventory host name";
        throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                "task '" + task.name() + "': delegate_to names '" + name + "' (for " + host.name()
                        + "), which is not a host of the inventory" + why);
    }

    private List<String> targets(Play play, Task task, List<Host> hosts, List<Host> all, RunOptions options) {
        if (task.runOn() != null) {
            Host first = all.get(0);
            Map<String, Object> vars = withExtra(templating.vars(play, first, Map.of()), options);
            String name = templating.renderString(task.runOn(), vars, task.where());
            if (all.stream().noneMatch(h -> h.name().equals(name))) {
                throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                        "task '" + task.name() + "': run_on names '" + name + "', which is not a host of play '"
                                + play.name() + "' (hosts: " + all.stream().map(Host::name).toList() + ")");
            }
            if (hosts.stream().noneMatch(h -> h.name().equals(name))) {
                throw new InputException(task.where().file(), task.where().line(), task.where().column(),
                        "task '" + task.name() + "': run_on names '" + name + "', which --limit leaves out"
                                + " (kept: " + hosts.stream().map(Host::name).toList() + ")");
            }
            return List.of(name);
        }
        if (task.runOnce()) {
            return List.of(hosts.get(0).name());
        }
        return hosts.stream().map(Host::name).toList();
    }

    private void checkDefined(Play play, Task task, List<Host> hosts, RunOptions options, Set<String> registered) {
        for (Host host : hosts) {
            Set<String> known = new HashSet<>(MAGIC);
            known.addAll(registered);
            if (task.keywords().loop() != null) {
                known.add(task.keywords().loopVar());
            }
            known.addAll(Facts.NAMES);
            known.addAll(options.extraVars().keySet());
            known.addAll(templating.vars(play, host, Map.of()).keySet());
            Set<String> missing = new HashSet<>(templating.undefined(task.args(), known));
            for (String expr : RegisteredNames.conditions(task)) {
                missing.addAll(templating.undefinedInWhen(expr, known, task.where()));
            }
            if (task.keywords().loop() != null) {
                missing.addAll(templating.undefined(task.keywords().loop(), known));
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
