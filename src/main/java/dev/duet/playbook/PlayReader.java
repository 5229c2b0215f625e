package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One play: {@code name, hosts, vars, vars_files, become, become_user, serial, any_errors_fatal,
 * gather_facts, pre_tasks, roles, tasks, post_tasks, handlers}. The task parts are joined in Ansible's order with a
 * {@code meta: flush_handlers} after each non-empty part, so handlers run where Ansible runs them.
 * Variables: {@code vars} < {@code vars_files} < role {@code vars/main.yml} (all play-wide, as in
 * Ansible); role {@code defaults/main.yml} go below the inventory.
 */
final class PlayReader {
    static final List<String> PLAY_KEYS = List.of("name", "hosts", "vars", "vars_files", "become", "become_user",
            "serial", "any_errors_fatal", "gather_facts", "pre_tasks", "roles", "tasks", "post_tasks", "handlers");

    private final TaskListReader tasks;

    PlayReader(TaskListReader tasks) {
        this.tasks = tasks;
    }

    Play read(LocatedNode node) {
        if (!node.isMapping()) {
            throw node.error("expected a play (a mapping with hosts and tasks), got " + node.describe());
        }
        Map<String, LocatedNode.Entry> e = node.entries();
        for (LocatedNode.Entry entry : e.values()) {
            if (entry.name().equals("max_fail_percentage")) {
                throw entry.key().error("max_fail_percentage is not supported: with serial, a batch where every host"
                        + " failed ends the play (as Ansible does without it); any_errors_fatal stops at the first failure");
            }
            if (!PLAY_KEYS.contains(entry.name())) {
                throw entry.key().error("unknown play keyword '" + entry.name() + "' (known: "
                        + String.join(", ", PLAY_KEYS) + ")");
            }
        }
        if (!e.containsKey("hosts")) {
            throw node.error("expected 'hosts:' in play" + (e.containsKey("name") ? " '" + e.get("name").value().text() + "'" : ""));
        }
        String name = e.containsKey("name") ? Nodes.string(e.get("name").value(), "play name") : "";
        String hosts = PlaybookLoader.hosts(e.get("hosts").value());
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Args.Location> origins = new LinkedHashMap<>();
        if (e.containsKey("vars")) {
            addVars(e.get("vars").value(), "play vars", vars, origins);
        }
        if (e.containsKey("vars_files")) {
            for (LocatedNode f : list(e.get("vars_files").value(), "vars_files")) {
                addVars(yamlFile(node, f, "vars_files entry"), "vars file", vars, origins);
            }
        }
        boolean become = e.containsKey("become") && Nodes.bool(e.get("become").value(), "become");
        boolean fatal = e.containsKey("any_errors_fatal") && Nodes.bool(e.get("any_errors_fatal").value(), "any_errors_fatal");
        boolean gather = !e.containsKey("gather_facts") || Nodes.bool(e.get("gather_facts").value(), "gather_facts");
        List<Task> all = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        List<Task> handlers = new ArrayList<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        addPart(all, ends, e.containsKey("pre_tasks") ? tasks.read(e.get("pre_tasks").value(), false) : List.of());
        List<Task> main = new ArrayList<>();
        if (e.containsKey("roles")) {
            RoleReader roles = new RoleReader(tasks, this);
            for (LocatedNode r : list(e.get("roles").value(), "roles")) {
                roles.read(r, main, handlers, defaults, vars, origins);
            }
        }
        if (e.containsKey("tasks")) {
            main.addAll(tasks.read(e.get("tasks").value(), false));
        }
        addPart(all, ends, main);
        addPart(all, ends, e.containsKey("post_tasks") ? tasks.read(e.get("post_tasks").value(), false) : List.of());
        if (e.containsKey("handlers")) {
            handlers.addAll(tasks.read(e.get("handlers").value(), true));
        }
        HandlerNames.check(all, handlers);
        String becomeUser = e.containsKey("become_user") ? BecomeUser.read(e.get("become_user").value()) : null;
        Serial serial = e.containsKey("serial") ? Serial.read(e.get("serial")) : null;
        return new Play(name, hosts, vars, become, fatal, all, node.location(), origins, gather, handlers, defaults, ends,
                becomeUser, serial);
    }

    private static void addPart(List<Task> all, List<Integer> ends, List<Task> part) {
        if (!part.isEmpty()) {
            all.addAll(part);
            ends.add(all.size());
        }
    }

    static List<LocatedNode> list(LocatedNode node, String what) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isSequence()) {
            throw node.error("expected " + what + " to be a list, got " + node.describe());
        }
        return node.items();
    }

    /** Reads {@code vars} (a mapping of variables) into {@code into}, remembering where each was written. */
    void addVars(LocatedNode varsNode, String what, Map<String, Object> into, Map<String, Args.Location> origins) {
        if (varsNode.isNull()) {
            return;
        }
        Map<String, Object> vars = Nodes.mapping(varsNode, what);
        Templater.checkSyntax(vars, varsNode.location());
        into.putAll(vars);
        varsNode.entries().forEach((k, entry) -> origins.put(k, entry.key().location()));
    }

    /** A YAML file named by {@code ref}, relative to the file {@code from} is in; templates are not allowed in the name. */
    static LocatedNode yamlFile(LocatedNode from, LocatedNode ref, String what) {
        String name = Nodes.string(ref, what);
        if (Templater.hasTemplate(name)) {
            throw ref.error(what + " may not be a template in Duet (files are read when the playbook loads), got '"
                    + name + "'");
        }
        Path file = base(from).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InputException(ref.file(), ref.line(), ref.column(), what + " not found: " + file);
        }
        return LocatedYaml.read(file);
    }

    static Path base(LocatedNode node) {
        return node.file() == null || node.file().toAbsolutePath().getParent() == null ? Path.of(".")
                : node.file().toAbsolutePath().getParent();
    }
}
