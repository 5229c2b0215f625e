package dev.duet.playbook;

import dev.duet.step.Args;
import java.util.List;
import java.util.Map;

/**
 * A play: a host pattern, variables and tasks. {@code anyErrorsFatal}: one host's failure stops all.
 * {@code become} is the play keyword (false when absent); {@code varOrigins} says where each play var
 * was written (empty for plays built in code). {@code tasks} is pre_tasks, roles, tasks and post_tasks
 * in order; {@code partEnds} the task counts after which a part ends, where Ansible flushes handlers;
 * {@code handlers} are the play's and its roles' handlers. {@code roleDefaults} rank below inventory
 * variables. {@code becomeUser}: the play's {@code become_user} (null: root); {@code serial}: its batches
 * (null: all hosts at once).
 */
public record Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                   List<Task> tasks, Args.Location where, Map<String, Args.Location> varOrigins,
                   boolean gatherFacts, List<Task> handlers, Map<String, Object> roleDefaults, List<Integer> partEnds,
                   String becomeUser, Serial serial) {
    public Play {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        tasks = List.copyOf(tasks);
        varOrigins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(varOrigins));
        handlers = List.copyOf(handlers);
        roleDefaults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roleDefaults));
        partEnds = List.copyOf(partEnds);
    }

    public Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                List<Task> tasks, Args.Location where, Map<String, Args.Location> varOrigins) {
        this(name, hosts, vars, become, anyErrorsFatal, tasks, where, varOrigins, true, List.of(), Map.of(),
                List.of(tasks.size()), null, null);
    }

    public Play(String name, String hosts, Map<String, Object> vars, boolean become, boolean anyErrorsFatal,
                List<Task> tasks, Args.Location where) {
        this(name, hosts, vars, become, anyErrorsFatal, tasks, where, Map.of());
    }

    /** This play without {@code serial}: on an inventory of many pairs the waves of pairs are its batches. */
    public Play withoutSerial() {
        return new Play(name, hosts, vars, become, anyErrorsFatal, tasks, where, varOrigins, gatherFacts, handlers,
                roleDefaults, partEnds, becomeUser, null);
    }
}
