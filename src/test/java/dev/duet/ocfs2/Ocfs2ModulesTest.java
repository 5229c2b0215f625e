package dev.duet.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.step.ModuleRegistry;
import org.junit.jupiter.api.Test;

class Ocfs2ModulesTest {
    @Test
    void registersTheThreeModulesByTheirPlaybookNames() {
        ModuleRegistry registry = Ocfs2Modules.registerAll(new ModuleRegistry());
        assertThat(registry.names()).containsExactly("ocfs2_cluster", "filesystem", "mount");
        assertThat(registry.find("filesystem").orElseThrow().requiredArgs()).containsExactlyInAnyOrder("dev", "label");
    }
}
