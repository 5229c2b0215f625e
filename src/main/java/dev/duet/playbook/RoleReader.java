package dev.duet.playbook;

import dev.duet.step.Args;
import dev.duet.yaml.LocatedNode;
import dev.duet.yaml.LocatedYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A role in the standard layout, {@code roles/NAME/} next to the playbook: {@code tasks/main.yml},
 * {@code handlers/main.yml}, {@code defaults/main.yml} (below inventory variables), {@code vars/main.yml}
 * (above play vars); {@code templates/} and {@code files/} are where the role's template and copy tasks
 * find a relative {@code src}. {@code roles:} entries are a name or {@code {role: NAME, vars: ..., when:
 * ..., tags: ..., become: ...}}. Role dependencies in {@code meta/main.yml} are refused.
 */
final class RoleReader {
    private static final Set<String> ENTRY_KEYS = Set.of("role", "name", "vars", "when", "tags", "become");

    private final TaskListReader tasks;
    private final PlayReader play;

    RoleReader(TaskListReader tasks, PlayReader play) {
        this.tasks = tasks;
        this.play = play;
    }

    void read(LocatedNode entry, List<Task> main, List<Task> handlers, Map<String, Object> defaults,
              Map<String, Object> vars, Map<String, Args.Location> origins) {
        Map<String, LocatedNode.Entry> e = entry.isMapping() ? entry.entries() : Map.of();
        for (LocatedNode.Entry k : e.values()) {
            if (!ENTRY_KEYS.contains(k.name())) {
                throw k.key().error("unknown role keyword '" + k.name() + "' (known: role, vars, when, tags, become)");
            }
        }
        LocatedNode nameNode = entry.isMapping() ? (e.containsKey("role") ? e.get("role").value()
                : e.containsKey("name") ? e.get("name").value() : null) : entry;
        if (nameNode == null) {
            throw entry.error("expected a role name (role: NAME)");
        }
        String name = Nodes.string(nameNode, "role name");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw nameNode.error("expected a role name (a directory under roles/), got '" + name + "'");
        }
        Path dir = PlayReader.base(entry).resolve("roles").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw nameNode.error("role '" + name + "' not found: no directory " + dir);
        }
        Path meta = dir.resolve("meta/main.yml");
        if (Files.isRegularFile(meta)) {
            LocatedNode m = LocatedYaml.read(meta);
            if (m.isMapping() && m.entries().containsKey("dependencies")
                    && !PlayReader.list(m.entries().get("dependencies").value(), "dependencies").isEmpty()) {
                throw m.entries().get("dependencies").key().error("role dependencies are not supported; list the roles in the play's roles:");
            }
        }
        optional(dir.resolve("defaults/main.yml"), f -> play.addVars(f, "role defaults", defaults, new java.util.HashMap<>()));
        optional(dir.resolve("vars/main.yml"), f -> play.addVars(f, "role vars", vars, origins));
        if (e.containsKey("vars")) {
            play.addVars(e.get("vars").value(), "role vars", vars, origins);
        }
        String when = e.containsKey("when") ? TaskReader.condition(e.get("when").value()) : null;
        List<String> tags = e.containsKey("tags") ? Nodes.strings(e.get("tags").value(), "tags") : List.of();
        Boolean become = e.containsKey("become") ? Nodes.bool(e.get("become").value(), "become") : null;
        Path taskFile = dir.resolve("tasks/main.yml");
        if (Files.isRegularFile(taskFile)) {
            for (Task t : tasks.readFile(taskFile, nameNode, false)) {
                main.add(t.within(when, tags, null, become, false, null).inRole(name));
            }
        }
        Path handlerFile = dir.resolve("handlers/main.yml");
        if (Files.isRegularFile(handlerFile)) {
            handlers.addAll(tasks.readFile(handlerFile, nameNode, true));
        }
    }

    private static void optional(Path file, java.util.function.Consumer<LocatedNode> read) {
        if (Files.isRegularFile(file)) {
            read.accept(LocatedYaml.read(file));
        }
    }
}
