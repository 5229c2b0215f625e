package dev.duet.playbook;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import dev.duet.yaml.LocatedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One task: {@code name}, exactly one module key with its arguments, and the task keywords (see
 * {@link KeywordReader}). Module and argument names are checked against the registry; errors point
 * at the offending key. {@code args:} merges into the module's arguments (the module's own win), and
 * {@code environment:} becomes the module's {@code environment} argument where it has one.
 */
final class TaskReader {
    static final List<String> KEYWORDS = List.of("name", "when", "run_once", "run_on", "tags", "register", "loop",
            "with_items", "loop_control", "changed_when", "failed_when", "ignore_errors", "no_log", "args",
            "environment", "check_mode", "become", "become_user", "notify", "listen", "delegate_to", "delegate_facts");

    private final ModuleRegistry modules;

    TaskReader(ModuleRegistry modules) {
        this.modules = modules;
    }

    Task read(LocatedNode node, boolean handler) {
        if (!node.isMapping()) {
            throw node.error("expected a task (a mapping with name and one module), got " + node.describe());
        }
        Map<String, LocatedNode.Entry> e = node.entries();
        LocatedNode.Entry moduleEntry = moduleEntry(node);
        Module module = modules.find(moduleEntry.name()).orElseThrow();
        Map<String, Object> args = args(module, moduleEntry, e);
        module.validate(args, moduleEntry.key().location(), path -> locate(moduleEntry, e.get("args"), path));

        String name = e.containsKey("name") ? Nodes.string(e.get("name").value(), "task name") : moduleEntry.name();
        String when = e.containsKey("when") ? condition(e.get("when").value()) : null;
        boolean runOnce = e.containsKey("run_once") && Nodes.bool(e.get("run_once").value(), "run_once");
        String runOn = e.containsKey("run_on") ? Nodes.string(e.get("run_on").value(), "run_on") : null;
        if (runOnce && runOn != null) {
            throw e.get("run_on").key().error("expected either run_once or run_on, not both");
        }
        if (!runOnce && runOn == null && module.oneHostOnly().isPresent()) {
            throw moduleEntry.key().error("'" + module.name() + "' must run on one node: add `run_once: true` or"
                    + " `run_on: HOST` to this task (" + module.oneHostOnly().get() + ")");
        }
        List<String> tags = e.containsKey("tags") ? Nodes.strings(e.get("tags").value(), "tags") : List.of();
        Templater.checkSyntax(args, moduleEntry.key().location());
        if (module.name().equals("template")) {
            TemplateFiles.check(args, node.location());
        }
        if (runOn != null) {
            Templater.checkSyntax(runOn, e.get("run_on").value().location());
        }
        TaskKeywords keywords = KeywordReader.read(e, module, handler);
        if (module.name().equals(Task.META)) {
            name = "meta: " + args.get("cmd");
        }
        return new Task(name, module.name(), args, when, runOnce, runOn, tags, node.location(), keywords);
    }

    /** Finds the one key that is not a task keyword, telling a mistyped module from a stray keyword. */
    private LocatedNode.Entry moduleEntry(LocatedNode task) {
        List<LocatedNode.Entry> others = new ArrayList<>();
        for (LocatedNode.Entry entry : task.entries().values()) {
            if (!KEYWORDS.contains(entry.name())) {
                others.add(entry);
            }
        }
        List<LocatedNode.Entry> known = others.stream().filter(o -> modules.find(o.name()).isPresent()).toList();
        if (known.size() > 1) {
            throw known.get(1).key().error("expected one module per task, got '" + known.get(0).name()
                    + "' and '" + known.get(1).name() + "'");
        }
        if (known.size() == 1) {
            for (LocatedNode.Entry o : others) {
                if (o != known.get(0)) {
                    throw o.key().error("unknown task keyword '" + o.name() + "' (known: "
                            + String.join(", ", KEYWORDS) + ")");
                }
            }
            return known.get(0);
        }
        if (others.isEmpty()) {
            throw task.error("expected a module in this task (known: " + String.join(", ", modules.names()) + ")");
        }
        LocatedNode.Entry first = others.get(0);
        throw first.key().error("unknown module '" + first.name() + "'" + Suggest.nearest(first.name(), modules.names())
                + " (known: " + String.join(", ", modules.names()) + ")");
    }

    private static Map<String, Object> args(Module module, LocatedNode.Entry entry, Map<String, LocatedNode.Entry> e) {
        Set<String> allowed = new LinkedHashSet<>(module.requiredArgs());
        allowed.addAll(module.optionalArgs());
        Map<String, Object> args = new LinkedHashMap<>();
        if (e.containsKey("args")) {
            putAll(module, e.get("args").value(), allowed, args);
        }
        LocatedNode value = entry.value();
        if (value.isScalar() && !value.isNull()) {
            if (!allowed.contains("cmd")) {
                throw value.error("expected the arguments of '" + module.name() + "' as a mapping (key: value), got "
                        + value.describe());
            }
            args.put("cmd", value.text());
        } else if (value.isMapping()) {
            putAll(module, value, allowed, args);
        } else if (!value.isNull()) {
            throw value.error("expected the arguments of '" + module.name() + "' as a mapping, got " + value.describe());
        }
        if (e.containsKey("environment")) {
            LocatedNode env = e.get("environment").value();
            if (!allowed.contains("environment")) {
                throw e.get("environment").key().error("environment is supported on command and shell tasks, not on '"
                        + module.name() + "'");
            }
            args.put("environment", Nodes.mapping(env, "environment"));
        }
        Set<String> missing = new TreeSet<>(module.requiredArgs());
        missing.removeAll(args.keySet());
        if (!missing.isEmpty()) {
            throw entry.key().error("missing required argument" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " for module '" + module.name() + "'");
        }
        return args;
    }

    private static void putAll(Module module, LocatedNode value, Set<String> allowed, Map<String, Object> args) {
        if (!value.isMapping()) {
            throw value.error("expected the arguments of '" + module.name() + "' as a mapping, got " + value.describe());
        }
        for (LocatedNode.Entry arg : value.entries().values()) {
            if (!allowed.contains(arg.name())) {
                throw arg.key().error("unknown argument '" + arg.name() + "' for module '" + module.name() + "'"
                        + Suggest.nearest(arg.name(), allowed) + " (expected: " + String.join(", ", allowed) + ")");
            }
            args.put(arg.name(), arg.value().toPlain());
        }
    }

    /**
     * The position of a nested argument value (its key for a mapping entry), else of its nearest ancestor;
     * an argument given under the task's {@code args:} is found there.
     */
    private static Args.Location locate(LocatedNode.Entry moduleEntry, LocatedNode.Entry argsEntry, List<Object> path) {
        LocatedNode.Entry from = moduleEntry;
        if (argsEntry != null && !path.isEmpty() && path.get(0) instanceof String first
                && !(moduleEntry.value().isMapping() && moduleEntry.value().entries().containsKey(first))) {
            from = argsEntry;
        }
        LocatedNode node = from.value();
        Args.Location at = from.key().location();
        for (Object step : path) {
            if (step instanceof String key && node.isMapping() && node.entries().containsKey(key)) {
                at = node.entries().get(key).key().location();
                node = node.entries().get(key).value();
            } else if (step instanceof Integer i && node.isSequence() && i >= 0 && i < node.items().size()) {
                node = node.items().get(i);
                at = node.location();
            } else {
                break;
            }
        }
        return at;
    }

    /** {@code when:} may be a string, a boolean or a list (all must hold); parsed now to catch typos. */
    static String condition(LocatedNode node) {
        String expr;
        if (node.isSequence()) {
            List<String> parts = new ArrayList<>();
            node.items().forEach(i -> parts.add("(" + scalarCondition(i) + ")"));
            expr = String.join(" and ", parts);
        } else {
            expr = scalarCondition(node);
        }
        When.check(expr, node.location());
        return expr;
    }

    private static String scalarCondition(LocatedNode node) {
        if (node.isScalar() && node.value() instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return Nodes.string(node, "when");
    }
}
