package dev.duet.modules;

import dev.duet.step.ModuleRegistry;

/** The Ansible-named modules that are not about DRBD or OCFS2. */
public final class GenericModules {
    private GenericModules() {
    }

    /** Registers package, copy, command, service, lineinfile and meta (flush_handlers). */
    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new PackageModule())
                .register(new CopyModule())
                .register(new CommandModule())
                .register(new ServiceModule())
                .register(new LineInFileModule())
                .register(new ShellModule())
                .register(new MetaModule());
    }
}
