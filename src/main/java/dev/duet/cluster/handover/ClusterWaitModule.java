package dev.duet.cluster.handover;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cluster_wait}: waits on parsed {@code crm_mon} state until Pacemaker runs what it was handed:
 * {@code promoted} resources Promoted and {@code started} ones Started on every node of the play (or
 * {@code nodes}), and with {@code stonith: true} (the default) STONITH enabled and Started. Failed
 * actions of those resources are repaired through the cluster ({@code crm_resource --cleanup}), once.
 */
public final class ClusterWaitModule implements Module {
    @Override
    public String name() {
        return "cluster_wait";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("promoted", "started", "stonith", "nodes", "timeout");
    }

    @Override
    public Step bind(Args args) {
        List<String> promoted = ids(args, "promoted");
        List<String> started = ids(args, "started");
        boolean stonith = args.bool("stonith", true);
        if (promoted.isEmpty() && started.isEmpty() && !stonith) {
            throw args.error("promoted", "names nothing to wait for (promoted, started or stonith: true)");
        }
        int timeout = args.integer("timeout", 600);
        if (timeout < 1) {
            throw args.error("timeout", "must be 1 or more seconds, got " + timeout);
        }
        return new ClusterWaitStep(promoted, started, stonith, ids(args, "nodes"), Duration.ofSeconds(timeout));
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        ids(args, "promoted");
        ids(args, "started");
        ids(args, "nodes");
        args.bool("stonith", true);
        args.integer("timeout", 600);
    }

    private static List<String> ids(Args args, String key) {
        List<String> out = new java.util.ArrayList<>();
        for (Object o : args.list(key)) {
            String s = String.valueOf(o);
            if (!s.matches("[A-Za-z0-9_][A-Za-z0-9_.:-]*")) {
                throw args.error(key, "must list resource or node names (letters, digits, '_', '.', ':', '-'), got '" + s + "'");
            }
            out.add(s);
        }
        return out;
    }
}
