package dev.duet.ocfs2;

import dev.duet.step.ModuleRegistry;

/** The OCFS2 modules: ocfs2_cluster, filesystem, mount. */
public final class Ocfs2Modules {
    private Ocfs2Modules() {
    }

    public static ModuleRegistry registerAll(ModuleRegistry registry) {
        return registry.register(new Ocfs2ClusterModule())
                .register(new FilesystemModule())
                .register(new MountModule());
    }
}
