package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.step.ModuleRegistry;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Ansible-shaped playbook: a list of plays ({@code name, hosts, vars, become,
 * any_errors_fatal, tasks}). Every task is checked against the {@link ModuleRegistry} here, so a typo
 * is reported with file, line and column before any host is contacted.
 */
public final class PlaybookLoader {
    static final List<String> PLAY_KEYS = List.of("name", "hosts", "vars", "become", "any_errors_fatal", "tasks");

    private final TaskReader tasks;

    public PlaybookLoader(ModuleRegistry modules) {
        this.tasks = new TaskReader(modules);
    }

    public Playbook load(Path file) {
        return read(LocatedYaml.read(file), file);
    }

    /** Parses playbook text; {@code file} names it in errors. */
    public Playbook parse(Path file, String text) {
        return read(LocatedYaml.parse(file, text), file);
    }

    private Playbook read(LocatedNode root, Path file) {
        if (!root.isSequence()) {
            throw root.error("expected a playbook: a list of plays (- name: ..., hosts: ..., tasks: ...), got "
                    + root.describe());
        }
        List<Play> plays = new ArrayList<>();
        for (LocatedNode play : root.items()) {
            plays.add(play(play));
        }
        return new Playbook(file, plays);
    }

    private Play play(LocatedNode node) {
        if (!node.isMapping()) {
            throw node.error("expected a play (a mapping with hosts and tasks), got " + node.describe());
        }
        Map<String, LocatedNode.Entry> e = node.entries();
        for (LocatedNode.Entry entry : e.values()) {
            if (!PLAY_KEYS.contains(entry.name())) {
                throw entry.key().error("unknown play keyword '" + entry.name() + "' (known: "
                        + String.join(", ", PLAY_KEYS) + ")");
            }
        }
        if (!e.containsKey("hosts")) {
            throw node.error("expected 'hosts:' in play" + (e.containsKey("name") ? " '" + e.get("name").value().text() + "'" : ""));
        }
        String name = e.containsKey("name") ? Nodes.string(e.get("name").value(), "play name") : "";
        String hosts = hosts(e.get("hosts").value());
        Map<String, Object> vars = e.containsKey("vars") ? Nodes.mapping(e.get("vars").value(), "play vars") : Map.of();
        Map<String, Args.Location> varOrigins = new LinkedHashMap<>();
        if (e.containsKey("vars")) {
            Templater.checkSyntax(vars, e.get("vars").value().location());
            e.get("vars").value().entries().forEach((k, entry) -> varOrigins.put(k, entry.key().location()));
        }
        boolean become = e.containsKey("become") && Nodes.bool(e.get("become").value(), "become");
        boolean fatal = e.containsKey("any_errors_fatal") && Nodes.bool(e.get("any_errors_fatal").value(), "any_errors_fatal");
        List<Task> taskList = new ArrayList<>();
        if (e.containsKey("tasks")) {
            LocatedNode list = e.get("tasks").value();
            if (!list.isNull()) {
                if (!list.isSequence()) {
                    throw list.error("expected tasks to be a list of tasks, got " + list.describe());
                }
                for (LocatedNode t : list.items()) {
                    taskList.add(tasks.read(t));
                }
            }
        }
        return new Play(name, hosts, vars, become, fatal, taskList, node.location(), varOrigins);
    }

    /** {@code hosts: a:b} or a list, which Ansible joins into one pattern. */
    private static String hosts(LocatedNode node) {
        if (node.isSequence()) {
            List<String> parts = new ArrayList<>();
            node.items().forEach(i -> parts.add(Nodes.string(i, "host pattern")));
            if (parts.isEmpty()) {
                throw node.error("expected at least one host pattern in hosts");
            }
            return String.join(":", parts);
        }
        String s = Nodes.string(node, "hosts");
        if (s.isBlank()) {
            throw new InputException(node.file(), node.line(), node.column(),
                    "expected hosts to name a group or host pattern, got nothing");
        }
        return s;
    }
}
