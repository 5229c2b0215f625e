package dev.duet.step;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The modules a playbook may name. */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new LinkedHashMap<>();

    public ModuleRegistry register(Module module) {
        modules.put(module.name(), module);
        return this;
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Collection<String> names() {
        return modules.keySet();
    }
}
