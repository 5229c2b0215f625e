package dev.duet.drbd.steps;

import dev.duet.step.ModuleRegistry;

/** Registers every DRBD module under its playbook name. */
public final class DrbdModules {
    private DrbdModules() {
    }

    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registerAll(registry, DrbdEnv.defaults());
    }

    public static ModuleRegistry registerAll(ModuleRegistry registry, DrbdEnv env) {
        return registry.register(new DrbdResourceModule(env))
                .register(new DrbdMetadataModule(env))
                .register(new DrbdUpModule(env))
                .register(new DrbdInitialSyncModule(env))
                .register(new DrbdWaitModule(env))
                .register(new DrbdPrimaryModule(env))
                .register(new DrbdDiscardModule(env))
                .register(new DrbdPreflightModule(env));
    }
}
