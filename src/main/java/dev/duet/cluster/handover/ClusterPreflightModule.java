package dev.duet.cluster.handover;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Set;

/**
 * {@code cluster_preflight}: the first task of the Pacemaker playbook. Refuses (exit 2, nothing
 * changed) a pair built by the simple o2cb playbook, rather than converting it half-way.
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
        return Set.of();
    }

    @Override
    public Step bind(Args args) {
        return new ClusterPreflightStep();
    }
}
