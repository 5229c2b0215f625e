package dev.duet.playbook;

import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list of tasks as Ansible writes it, flattened: {@code block}/{@code rescue}/{@code always} become
 * their tasks marked with the block they sit in (the engine decides per host which part runs), and
 * {@code import_tasks}/{@code include_tasks} are read in place when the playbook loads (both are static
 * here: the file name may not be a template). A block's or import's {@code when}, {@code tags},
 * {@code become}, {@code ignore_errors} and {@code check_mode} (and a block's {@code become_user}) pass
 * down to its tasks.
 */
final class TaskListReader {
    private static final Set<String> BLOCK_KEYS = Set.of("name", "block", "rescue", "always", "when", "tags",
            "become", "become_user", "ignore_errors", "check_mode");
    private static final Set<String> IMPORT_KEYS = Set.of("name", "when", "tags", "become", "ignore_errors");
    private static final List<String> IMPORTS = List.of("import_tasks", "include_tasks");
    private static final int MAX_DEPTH = 20;

    private final TaskReader reader;
    private final Deque<Path> including = new ArrayDeque<>();
    private int nextBlock;

    TaskListReader(TaskReader reader) {
        this.reader = reader;
    }

    List<Task> read(LocatedNode list, boolean handler) {
        List<Task> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isSequence()) {
            throw list.error("expected a list of tasks, got " + list.describe());
        }
        for (LocatedNode item : list.items()) {
            Map<String, LocatedNode.Entry> e = item.isMapping() ? item.entries() : Map.of();
            String include = importKey(e);
            if (e.containsKey("block")) {
                out.addAll(block(item, handler));
            } else if (include != null) {
                out.addAll(include(item, e.get(include), handler));
            } else if (e.containsKey("import_playbook") || e.containsKey("ansible.builtin.import_playbook")) {
                throw item.error("import_playbook belongs at the top level of a playbook, next to plays, not among tasks");
            } else {
                out.add(reader.read(item, handler));
            }
        }
        return out;
    }

    /** Reads a task file (a role's tasks/main.yml, an imported file). */
    List<Task> readFile(Path file, LocatedNode at, boolean handler) {
        Path real = file.toAbsolutePath().normalize();
        if (including.contains(real)) {
            throw at.error("task file " + file + " includes itself (through " + including + ")");
        }
        if (including.size() >= MAX_DEPTH) {
            throw at.error("task files nested more than " + MAX_DEPTH + " deep at " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw at.error("task file not found: " + file);
        }
        including.push(real);
        try {
            return read(LocatedYaml.read(file), handler);
        } finally {
            including.pop();
        }
    }

    private static String importKey(Map<String, LocatedNode.Entry> e) {
        for (String k : e.keySet()) {
            String bare = k.startsWith("ansible.builtin.") ? k.substring("ansible.builtin.".length()) : k;
            if (IMPORTS.contains(bare)) {
                return k;
            }
        }
        return null;
    }

    private List<Task> block(LocatedNode node, boolean handler) {
        Map<String, LocatedNode.Entry> e = node.entries();
        for (LocatedNode.Entry entry : e.values()) {
            if (!BLOCK_KEYS.contains(entry.name())) {
                throw entry.key().error("unknown block keyword '" + entry.name() + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(BLOCK_KEYS)) + ")");
            }
        }
        int id = nextBlock++;
        String name = e.containsKey("name") ? Nodes.string(e.get("name").value(), "block name") : "block";
        String when = e.containsKey("when") ? TaskReader.condition(e.get("when").value()) : null;
        List<String> tags = e.containsKey("tags") ? Nodes.strings(e.get("tags").value(), "tags") : List.of();
        Boolean become = e.containsKey("become") ? Nodes.bool(e.get("become").value(), "become") : null;
        boolean ignore = e.containsKey("ignore_errors") && Nodes.bool(e.get("ignore_errors").value(), "ignore_errors");
        Boolean check = e.containsKey("check_mode") ? Nodes.bool(e.get("check_mode").value(), "check_mode") : null;
        String becomeUser = e.containsKey("become_user") ? BecomeUser.read(e.get("become_user").value()) : null;
        boolean hasRescue = e.containsKey("rescue");
        List<Task> out = new ArrayList<>();
        for (TaskKeywords.Section section : TaskKeywords.Section.values()) {
            String key = section.name().toLowerCase(java.util.Locale.ROOT);
            if (!e.containsKey(key)) {
                continue;
            }
            TaskKeywords.BlockFrame frame = new TaskKeywords.BlockFrame(id, section, hasRescue, name);
            for (Task t : read(e.get(key).value(), handler)) {
                out.add(t.within(when, tags, frame, become, ignore, check).withBecomeUser(becomeUser));
            }
        }
        return out;
    }

    private List<Task> include(LocatedNode node, LocatedNode.Entry entry, boolean handler) {
        Map<String, LocatedNode.Entry> e = node.entries();
        for (LocatedNode.Entry k : e.values()) {
            if (k != entry && !IMPORT_KEYS.contains(k.name())) {
                throw k.key().error("unknown keyword '" + k.name() + "' on " + entry.name() + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(IMPORT_KEYS)) + ")");
            }
        }
        LocatedNode v = entry.value();
        LocatedNode fileNode = v.isMapping() && v.entries().containsKey("file") ? v.entries().get("file").value() : v;
        String name = Nodes.string(fileNode, entry.name() + " file");
        if (Templater.hasTemplate(name)) {
            throw fileNode.error(entry.name() + " is static in Duet: the file name may not be a template, got '" + name + "'");
        }
        Path base = node.file() == null || node.file().getParent() == null ? Path.of(".") : node.file().getParent();
        String when = e.containsKey("when") ? TaskReader.condition(e.get("when").value()) : null;
        List<String> tags = e.containsKey("tags") ? Nodes.strings(e.get("tags").value(), "tags") : List.of();
        Boolean become = e.containsKey("become") ? Nodes.bool(e.get("become").value(), "become") : null;
        boolean ignore = e.containsKey("ignore_errors") && Nodes.bool(e.get("ignore_errors").value(), "ignore_errors");
        List<Task> out = new ArrayList<>();
        for (Task t : readFile(base.resolve(name), fileNode, handler)) {
            out.add(t.within(when, tags, null, become, ignore, null));
        }
        return out;
    }
}
