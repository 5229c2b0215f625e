package dev.duet.playbook;

import dev.duet.step.Args;
import java.util.List;
import java.util.Map;

/**
 * A play: a host pattern, variables and tasks. {@code anyErrorsFatal}: one host's failure stops all.
 * {@code become} is the play keyword (false when absent); {@code varOrigins} says where each play var
 * was written (empty for plays built in code).
 */
public record Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                   List<Task> tasks, Args.Location where, Map<String, Args.Location> varOrigins) {
    public Play {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        tasks = List.copyOf(tasks);
        varOrigins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(varOrigins));
    }

    public Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                List<Task> tasks, Args.Location where) {
        this(name, hosts, vars, become, anyErrorsFatal, tasks, where, Map.of());
    }
}
