package dev.duet.cluster.handover;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cluster_preflight}: the first task of the Pacemaker playbook. Refuses (exit 2, nothing
 * changed) a pair built by the simple o2cb playbook, rather than converting it half-way. With
 * {@code fence_survivor: {node: N, pair: [..]}}, the designated survivor of a fence race must be one of
 * the pair: a name outside it would give Pacemaker a fence device for a node that does not exist and
 * leave one real node without one. One argument, so the load-time check of rendered values (which sees
 * one argument at a time) refuses it before any host is contacted.
 */
public final class ClusterPreflightModule implements Module {
    @Override
    public String name() {
        return "cluster_preflight";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("fence_survivor");
    }

    @Override
    public Step bind(Args args) {
        validate(args.raw(), args.where());
        return new ClusterPreflightStep();
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Object v = rawArgs.get("fence_survivor");
        if (v == null || String.valueOf(v).contains("{{")) {
            return; // checked once rendered
        }
        Args a = new Args(name(), rawArgs, where);
        if (!(v instanceof Map<?, ?> m) || !(m.get("pair") instanceof List<?> pair) || m.get("node") == null
                || m.keySet().size() != 2) {
            throw a.error("fence_survivor", "must be {node: NAME, pair: [NAME, NAME]}");
        }
        List<String> names = pair.stream().map(String::valueOf).toList();
        if (!names.contains(String.valueOf(m.get("node")))) {
            throw a.error("fence_survivor", "must be one of the pair " + names + ", got '" + m.get("node") + "'");
        }
    }
}
