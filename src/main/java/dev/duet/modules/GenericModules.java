package dev.duet.modules;

import dev.duet.step.ModuleRegistry;

/** The Ansible-named modules that are not about DRBD or OCFS2. */
public final class GenericModules {
    private GenericModules() {
    }

    /** Registers package, copy, command, service and lineinfile. */
    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new PackageModule())
                .register(CopyStep.module())
                .register(new CommandModule())
                .register(new ServiceModule())
                .register(LineInFileStep.module());
    }
}
