package dev.duet.playbook;

import dev.duet.engine.Args;
import java.util.List;
import java.util.Map;

/** A play: a host pattern, variables and tasks. {@code anyErrorsFatal}: one host's failure stops all. */
public record Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                   List<Task> tasks, Args.Location where) {
    public Play {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        tasks = List.copyOf(tasks);
    }
}
