package dev.duet.cluster;

import dev.duet.step.ModuleRegistry;

/** The cluster stack's modules: corosync, sbd, cluster_wait. */
public final class ClusterModules {
    private ClusterModules() {
    }

    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new CorosyncModule());
    }
}
