package dev.duet.inventory;

import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts in file order and the groups they belong to. Loaded by {@link InventoryLoader}.
 * {@code groups} maps every group (including "all" and "ungrouped") to all its hosts, children's included.
 * {@code origins} maps host → variable → where the definition that won the merge was written, so a bad
 * value found later (e.g. in a task argument templated from it) can be reported at its source.
 * {@code shapes} maps each group to the hosts and child groups its definition names (not inherited),
 * in the order written, as {@code ansible-inventory --list} prints them.
 */
public record Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups,
                        Map<String, Map<String, Args.Location>> origins, Map<String, Shape> shapes) {
    /** A group's own hosts and children. */
    public record Shape(List<String> hosts, List<String> children) {
    }

    public Inventory {
        hosts = new LinkedHashMap<>(hosts);
        groups = new LinkedHashMap<>(groups);
        origins = new LinkedHashMap<>(origins);
        shapes = new LinkedHashMap<>(shapes);
    }

    /** An inventory with variable positions but without group shapes (built in code). */
    public Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups,
                     Map<String, Map<String, Args.Location>> origins) {
        this(source, hosts, groups, origins, Map.of());
    }

    /** An inventory without recorded variable positions (built in code). */
    public Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups) {
        this(source, hosts, groups, Map.of());
    }

    /** Where {@code host}'s variable {@code name} was defined, if the loader recorded it. */
    public Optional<Args.Location> origin(String host, String name) {
        return Optional.ofNullable(origins.getOrDefault(host, Map.of()).get(name));
    }

    /** Hosts matching an Ansible host pattern, in inventory order; see {@link HostPattern}. */
    public List<Host> hostsMatching(String pattern) {
        return HostPattern.select(this, pattern, null);
    }

    /** As {@link #hostsMatching(String)}, errors located at the play that wrote the pattern. */
    public List<Host> hostsMatching(String pattern, Args.Location where) {
        return HostPattern.select(this, pattern, where);
    }
}
