package dev.duet.cluster;

import dev.duet.step.ModuleRegistry;

/** The cluster stack's modules: corosync, sbd. */
public final class ClusterModules {
    private ClusterModules() {
    }

    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new CorosyncModule())
                .register(new SbdModule());
    }
}
