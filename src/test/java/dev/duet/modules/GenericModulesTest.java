package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import org.junit.jupiter.api.Test;

class GenericModulesTest {
    @Test
    void registersTheAnsibleNamedModules() {
        ModuleRegistry registry = GenericModules.registerAll(new ModuleRegistry());

        assertThat(registry.names()).containsExactly("package", "copy", "command", "service", "lineinfile", "shell", "meta");
        for (String name : registry.names()) {
            Module m = registry.find(name).orElseThrow();
            assertThat(m.name()).isEqualTo(name);
            assertThat(m.requiredArgs()).as(name).doesNotContainAnyElementsOf(m.optionalArgs());
        }
        assertThat(registry.find("copy").orElseThrow().optionalArgs())
                .contains("content", "src", "mode", "owner", "group", "backup");
    }
}
