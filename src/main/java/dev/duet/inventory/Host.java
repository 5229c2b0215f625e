package dev.duet.inventory;

import dev.duet.yaml.YamlTimestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One inventory host with its merged variables (all → parent groups → groups → host, later wins),
 * as Ansible merges them. {@code groups} lists every group the host belongs to, including "all".
 * A variable written without a value (YAML null) is an empty string in {@code vars}, as templates see
 * it; {@code nulls} names those, so a listing can print them as Ansible does (None: JSON null). Likewise a
 * YAML timestamp ({@code 2024-01-02} unquoted) is its text in {@code vars}, as is a mapping key YAML 1.1 types
 * ({@code {80: http}}: "80"), and {@code loaded} holds each variable with either anywhere in its value as
 * Ansible's loader holds it ({@link YamlTimestamp}: a date; the key 80), for the listing.
 */
public record Host(String name, Map<String, Object> vars, List<String> groups, Set<String> nulls,
                   Map<String, Object> loaded) {
    public Host {
        vars = Map.copyOf(vars);
        groups = List.copyOf(groups);
        nulls = Set.copyOf(nulls);
        loaded = Map.copyOf(loaded);
    }

    public Host(String name, Map<String, Object> vars, List<String> groups, Set<String> nulls) {
        this(name, vars, groups, nulls, Map.of());
    }

    public Host(String name, Map<String, Object> vars, List<String> groups) {
        this(name, vars, groups, Set.of());
    }

    public Optional<String> var(String key) {
        Object v = vars.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /**
     * The first of the names that is set, as Ansible's ssh connection resolves its options: the legacy
     * {@code ansible_ssh_*} spelling is listed after the plain one there, so it wins when both are set.
     */
    public Optional<String> connectionVar(String plain, String legacy) {
        return var(legacy).or(() -> var(plain));
    }

    /** {@code ansible_ssh_host}, else {@code ansible_host}, else the inventory name. */
    public String address() {
        return connectionVar("ansible_host", "ansible_ssh_host").orElse(name);
    }

    /** {@code ansible_ssh_port}, else {@code ansible_port}, else 22. */
    public int port() {
        return connectionVar("ansible_port", "ansible_ssh_port").map(p -> Integer.parseInt(p.strip())).orElse(22);
    }

    /** {@code ansible_ssh_user}, else {@code ansible_user}, else the local user, as ssh does. */
    public String user() {
        return connectionVar("ansible_user", "ansible_ssh_user").orElse(System.getProperty("user.name"));
    }
}
