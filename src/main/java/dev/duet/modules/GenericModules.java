package dev.duet.modules;

import dev.duet.step.ModuleRegistry;

/** The Ansible-named modules that are not about DRBD or OCFS2. */
public final class GenericModules {
    private GenericModules() {
    }

    /** Registers package, copy, command, service, lineinfile, shell, meta, template, debug, stat, file, wait_for and the aliases apt/dnf/yum, systemd. */
    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new PackageModule())
                .register(CopyStep.module())
                .register(new CommandModule())
                .register(new ServiceModule())
                .register(LineInFileStep.module())
                .register(new ShellModule())
                .register(new MetaModule())
                .register(new TemplateModule())
                .register(new DebugModule())
                .register(new StatModule())
                .register(FileStep.module())
                .register(new WaitForModule())
                .alias("apt", "package")
                .alias("dnf", "package")
                .alias("yum", "package")
                .alias("systemd", "service")
                .alias("systemd_service", "service");
    }
}
