package dev.duet.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hosts in file order and the groups they belong to. Loaded by {@link InventoryLoader}. */
public record Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups) {
    public Inventory {
        hosts = new LinkedHashMap<>(hosts);
        groups = new LinkedHashMap<>(groups);
    }
}
