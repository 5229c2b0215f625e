package dev.duet.output;

import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape {@code ansible-inventory --list} prints (its json_inventory and yaml_inventory): groups with
 * their own hosts and children from {@code all} down, empty sections left out, and every host's merged
 * variables without the ones Ansible keeps internal ({@code inventory_file}, {@code inventory_dir}, ...).
 */
public final class InventoryListing {
    /** Ansible's INTERNAL_STATIC_VARS that an inventory can hold; ansible-inventory leaves them out. */
    private static final Set<String> INTERNAL = Set.of("inventory_dir", "inventory_file", "inventory_hostname",
            "inventory_hostname_short", "groups", "group_names", "omit", "hostvars", "playbook_dir", "play_hosts",
            "ansible_play_hosts", "ansible_play_hosts_all", "ansible_play_batch", "ansible_facts", "ansible_version",
            "ansible_playbook_python", "ansible_config_file", "ansible_inventory_sources", "ansible_limit",
            "ansible_run_tags", "ansible_skip_tags", "ansible_verbosity", "ansible_diff_mode", "ansible_forks",
            "role_name", "role_names", "role_path", "role_uuid");

    private final Inventory inventory;
    private final Map<String, Object> extraVars;

    public InventoryListing(Inventory inventory) {
        this(inventory, Map.of());
    }

    /** With {@code -e} variables, which ansible-inventory puts on top of every host's (VariableManager.get_vars). */
    public InventoryListing(Inventory inventory, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.extraVars = extraVars;
    }

    /** {@code ansible-inventory --list}: JSON. */
    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        jsonGroup("all", out, new HashSet<>());
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inventory.hosts().values()) {
            Map<String, Object> vars = vars(h);
            if (!vars.isEmpty()) {
                hostvars.put(h.name(), vars);
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return PyJson.dump(out);
    }

    /** {@code ansible-inventory --list --yaml}. */
    public String yaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> all = yamlGroup("all", new HashSet<>());
        if (!all.isEmpty()) {
            out.put("all", all);
        }
        return PyYaml.dump(out);
    }

    private void jsonGroup(String name, Map<String, Object> out, Set<String> seen) {
        Inventory.Shape shape = shape(name);
        Map<String, Object> g = new LinkedHashMap<>();
        if (!name.equals("all") && !shape.hosts().isEmpty()) {
            g.put("hosts", shape.hosts());
        }
        if (!shape.children().isEmpty()) {
            g.put("children", shape.children());
        }
        if (!g.isEmpty()) {
            out.put(name, g);
        }
        for (String child : shape.children()) {
            if (seen.add(child)) {
                jsonGroup(child, out, seen);
            }
        }
    }

    /**
     * As 2.14's yaml_inventory: a group under each of its parents, in full each time (only a host's variables
     * are printed once, where it first appears), and a group with neither hosts nor children as {}.
     */
    private Map<String, Object> yamlGroup(String name, Set<String> seenHosts) {
        Inventory.Shape shape = shape(name);
        Map<String, Object> g = new LinkedHashMap<>();
        Map<String, Object> children = new LinkedHashMap<>();
        for (String child : shape.children()) {
            if (!child.equals("all")) {
                children.put(child, yamlGroup(child, seenHosts));
            }
        }
        if (!children.isEmpty()) {
            g.put("children", children);
        }
        Map<String, Object> hosts = new LinkedHashMap<>();
        if (!name.equals("all")) {
            for (String h : shape.hosts()) {
                // a host's variables are printed once, where it first appears
                hosts.put(h, seenHosts.add(h) ? vars(inventory.hosts().get(h)) : Map.of());
            }
        }
        if (!hosts.isEmpty()) {
            g.put("hosts", hosts);
        }
        return g;
    }

    private Inventory.Shape shape(String group) {
        Inventory.Shape s = inventory.shapes().get(group);
        return s == null ? new Inventory.Shape(List.of(), List.of()) : s;
    }

    /** {@code ansible-inventory --host}: one host's merged variables. */
    public Map<String, Object> hostVars(Host host) {
        return vars(host);
    }

    private Map<String, Object> vars(Host host) {
        Map<String, Object> merged = new LinkedHashMap<>();
        host.vars().forEach((k, v) -> merged.put(k, host.nulls().contains(k) ? null : host.loaded().getOrDefault(k, v)));
        merged.putAll(extraVars);
        INTERNAL.forEach(merged::remove);
        return merged;
    }
}
