package dev.duet.step;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The modules a playbook may name. Every module also answers to its Ansible collection name
 * ({@code ansible.builtin.copy}, {@code ansible.posix.mount}); {@link #alias} adds other names
 * ({@code apt} for {@code package}, {@code systemd} for {@code service}).
 */
public final class ModuleRegistry {
    private static final String[] PREFIXES = {"ansible.builtin.", "ansible.legacy.", "ansible.posix."};

    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public ModuleRegistry register(Module module) {
        modules.put(module.name(), module);
        return this;
    }

    /** {@code alias} names the module registered as {@code name}, with the same arguments. */
    public ModuleRegistry alias(String alias, String name) {
        aliases.put(alias, name);
        return this;
    }

    public Optional<Module> find(String name) {
        String n = name;
        for (String prefix : PREFIXES) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
                break;
            }
        }
        return Optional.ofNullable(modules.get(aliases.getOrDefault(n, n)));
    }

    public Collection<String> names() {
        return modules.keySet();
    }
}
