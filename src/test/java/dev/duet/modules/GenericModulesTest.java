package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import org.junit.jupiter.api.Test;

class GenericModulesTest {
    @Test
    void registersTheAnsibleNamedModules() {
        ModuleRegistry registry = GenericModules.registerAll(new ModuleRegistry());

        assertThat(registry.names()).containsExactly("package", "copy", "command", "service", "lineinfile", "shell", "meta",
                "template", "debug", "stat", "file", "wait_for");
        assertThat(registry.find("ansible.builtin.file").orElseThrow().name()).isEqualTo("file");
        assertThat(registry.find("ansible.builtin.wait_for").orElseThrow().readOnly()).isTrue();
        assertThat(registry.find("ansible.builtin.apt").orElseThrow().name()).isEqualTo("package");
        assertThat(registry.find("dnf").orElseThrow().name()).isEqualTo("package");
        assertThat(registry.find("ansible.builtin.systemd").orElseThrow().name()).isEqualTo("service");
        assertThat(registry.find("ansible.builtin.copy").orElseThrow().name()).isEqualTo("copy");
        assertThat(registry.find("package").orElseThrow().optionalArgs()).contains("update_cache");
        assertThat(registry.find("service").orElseThrow().optionalArgs()).contains("daemon_reload");
        for (String name : registry.names()) {
            Module m = registry.find(name).orElseThrow();
            assertThat(m.name()).isEqualTo(name);
            assertThat(m.requiredArgs()).as(name).doesNotContainAnyElementsOf(m.optionalArgs());
        }
        assertThat(registry.find("copy").orElseThrow().optionalArgs())
                .contains("content", "src", "mode", "owner", "group", "backup");
    }
}
