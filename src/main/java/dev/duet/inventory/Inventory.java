package dev.duet.inventory;

import dev.duet.engine.Args;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts in file order and the groups they belong to. Loaded by {@link InventoryLoader}.
 * {@code groups} maps every group (including "all" and "ungrouped") to all its hosts, children's included.
 */
public record Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups) {
    public Inventory {
        hosts = new LinkedHashMap<>(hosts);
        groups = new LinkedHashMap<>(groups);
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
