package dev.duet.inventory;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.yaml.YamlTimestamp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups and hosts as the file declares them, before variables are merged. Both inventory formats
 * fill one of these; {@link #build(List)} applies Ansible's precedence (its default
 * {@code VARIABLE_PRECEDENCE}), lowest first: the inventory file's vars of all, then of each group;
 * {@code group_vars/all} beside the inventory, then beside the playbook; {@code group_vars/GROUP}
 * beside the inventory for each group, then beside the playbook; the host's vars in the file, then
 * {@code host_vars/HOST} beside the inventory, then beside the playbook. Groups go in Ansible's
 * order: all &lt; parents &lt; children (by depth), then {@code ansible_group_priority}, then name.
 */
final class InventoryDraft {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    static final class Group {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, Args.Location> origins = new LinkedHashMap<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        int priority = 1;
        Path file;
        int line;
        int column;

        Group(String name) {
            this.name = name;
        }
    }

    private final Path source;
    /** The file being read: the source, or one file of a source directory. */
    private Path file;
    private boolean hostList;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    private final Map<String, Map<String, Args.Location>> hostOrigins = new LinkedHashMap<>();
    /** Each parent → child link where it was first written, in the order written. */
    private final Map<List<String>, Args.Location> edges = new LinkedHashMap<>();

    InventoryDraft(Path source) {
        this.source = source;
        this.file = source;
        groups.put(ALL, new Group(ALL));
        groups.put(UNGROUPED, new Group(UNGROUPED));
    }

    Path file() {
        return file;
    }

    /** What follows comes from {@code next} (a directory inventory reads its files into one draft). */
    void reading(Path next) {
        this.file = next;
        this.hostList = false;
    }

    /** What follows comes from a host list ({@link HostList}), which is no file: its hosts' inventory_dir is None. */
    void readingHostList(Path list) {
        this.file = list;
        this.hostList = true;
    }

    boolean hasHost(String name) {
        return hostVars.containsKey(name);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    /** The groups defined so far (by earlier files of a directory, too). */
    Set<String> groupNames() {
        return new HashSet<>(groups.keySet());
    }

    Group group(String name, int line, int column) {
        HostValidation.name("group", name, file, line, column);
        Group g = groups.computeIfAbsent(name, Group::new);
        if (g.line == 0) {
            g.file = file;
            g.line = line;
            g.column = column;
        }
        return g;
    }

    /**
     * {@code port} (null when none was written) counts only where the host is first named: Ansible's
     * add_host gives it to the new Host and ignores it for a host it already has, so a later {@code h1:2222}
     * changes nothing (an {@code ansible_port=} variable there does).
     */
    void addHost(Group group, String host, Integer port, int line, int column) {
        HostValidation.name("host", host, file, line, column);
        group.hosts.add(host);
        if (!hostVars.containsKey(host)) {
            hostVars.put(host, new LinkedHashMap<>());
            // Ansible sets these as host variables where a host is first seen (a host list as written, no dir)
            Path source = file.toAbsolutePath().normalize();
            hostVar(host, "inventory_file", hostList ? file.toString() : source.toString(), line, column);
            hostVar(host, "inventory_dir", hostList ? null
                    : source.getParent() == null ? "/" : source.getParent().toString(), line, column);
            if (port != null) {
                hostVar(host, "ansible_port", port, line, column);
            }
        }
    }

    /** {@code child} becomes a child group of {@code parent}, written at line:column of the file being read. */
    void addChild(Group parent, String child, int line, int column) {
        if (parent.children.add(child)) {
            edges.put(List.of(parent.name, child), new Args.Location(file, line, column));
        }
    }

    void hostVar(String host, String key, Object value, int line, int column) {
        HostValidation.var(key, value, file, line, column);
        hostVars.get(host).put(key, value);
        hostOrigins.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(key, new Args.Location(file, line, column));
    }

    void groupVar(Group group, String key, Object value, int line, int column) {
        HostValidation.var(key, value, file, line, column);
        if (key.equals("ansible_group_priority")) {
            // as Ansible's Group.set_variable: it orders groups and is not a variable
            group.priority = HostValidation.priority(value, file, line, column);
            return;
        }
        group.vars.put(key, value);
        group.origins.put(key, new Args.Location(file, line, column));
    }

    Inventory build(List<AdjacentVars> beside) {
        Map<String, Set<String>> parents = parents();
        Map<String, Integer> depth = new HashMap<>();
        for (Group g : groups.values()) {
            depth(g.name, parents, depth, new LinkedHashSet<>());
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        Map<String, Map<String, Args.Location>> origins = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> h : hostVars.entrySet()) {
            List<String> memberOf = groupsOf(h.getKey(), parents, depth);
            VarMerge merged = new VarMerge();
            for (String g : memberOf) {
                merged.add(groups.get(g).vars, groups.get(g).origins);
            }
            beside.forEach(d -> merged.add(d.group(ALL)));
            for (AdjacentVars d : beside) {
                memberOf.stream().filter(g -> !g.equals(ALL)).forEach(g -> merged.add(d.group(g)));
            }
            merged.add(h.getValue(), hostOrigins.getOrDefault(h.getKey(), Map.of()));
            beside.forEach(d -> merged.add(d.host(h.getKey())));
            Set<String> nulls = new HashSet<>();
            Map<String, Object> loaded = new LinkedHashMap<>();
            merged.vars.forEach((k, v) -> {
                if (v == null) {
                    nulls.add(k);
                } else if (loadedDiffers(v)) {
                    loaded.put(k, v);
                }
            });
            hosts.put(h.getKey(), new Host(h.getKey(), nullSafe(merged.vars), memberOf, nulls, loaded));
            origins.put(h.getKey(), merged.origins);
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String g : groups.keySet()) {
            members.put(g, new ArrayList<>());
        }
        for (Host host : hosts.values()) {
            host.groups().forEach(g -> members.get(g).add(host.name()));
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        members.forEach((g, list) -> frozen.put(g, List.copyOf(list)));
        Map<String, Inventory.Shape> shapes = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            List<String> children = new ArrayList<>(g.children);
            if (g.name.equals(ALL) && children.remove(UNGROUPED)) {
                children.add(0, UNGROUPED); // Ansible makes it all's first child before reading any file
            }
            shapes.put(g.name, new Inventory.Shape(List.copyOf(g.hosts), List.copyOf(children)));
        }
        return new Inventory(source, hosts, frozen, origins, shapes);
    }

    /** Variables layered lowest first, each keeping where its winning definition was written. */
    private static final class VarMerge {
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, Args.Location> origins = new LinkedHashMap<>();

        void add(Map<String, Object> more, Map<String, Args.Location> where) {
            vars.putAll(more);
            more.keySet().forEach(k -> {
                Args.Location at = where.get(k);
                if (at == null) {
                    origins.remove(k);
                } else {
                    origins.put(k, at);
                }
            });
        }

        void add(AdjacentVars.Layer layer) {
            add(layer.vars(), layer.origins());
        }
    }

    /** Every group but all hangs under all; hosts that no group names are ungrouped. */
    private Map<String, Set<String>> parents() {
        Map<String, Set<String>> parents = new HashMap<>();
        for (Group g : groups.values()) {
            for (String c : g.children) {
                parents.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(g.name);
            }
        }
        for (Group g : groups.values()) {
            if (!g.name.equals(ALL) && parents.getOrDefault(g.name, Set.of()).isEmpty()) {
                parents.computeIfAbsent(g.name, k -> new LinkedHashSet<>()).add(ALL);
                groups.get(ALL).children.add(g.name);
            }
        }
        Set<String> grouped = new HashSet<>();
        groups.values().stream().filter(g -> !g.name.equals(ALL) && !g.name.equals(UNGROUPED))
                .forEach(g -> grouped.addAll(g.hosts));
        for (String h : hostVars.keySet()) {
            if (grouped.contains(h)) {
                groups.get(UNGROUPED).hosts.remove(h); // as Ansible's reconcile_inventory
            } else {
                groups.get(UNGROUPED).hosts.add(h);
            }
        }
        return parents;
    }

    private int depth(String group, Map<String, Set<String>> parents, Map<String, Integer> memo, Set<String> path) {
        Integer known = memo.get(group);
        if (known != null) {
            return known;
        }
        if (!path.add(group)) {
            Args.Location at = closingEdge(new ArrayList<>(path), group);
            throw new InputException(at.file(), at.line(), at.column(),
                    "group '" + group + "' is its own ancestor: " + String.join(" -> ", path) + " -> " + group);
        }
        int d = 0;
        for (String p : parents.getOrDefault(group, Set.of())) {
            d = Math.max(d, depth(p, parents, memo, path) + 1);
        }
        path.remove(group);
        memo.put(group, d);
        return d;
    }

    /**
     * Where the loop through {@code group} was closed: of its parent → child links, the one written last, as
     * Ansible refuses the add_child that creates the loop (in a later file or source, that file's line).
     */
    private Args.Location closingEdge(List<String> path, String group) {
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(group), path.size()));
        loop.add(group);
        List<List<String>> order = new ArrayList<>(edges.keySet());
        List<String> last = null;
        for (int i = 0; i + 1 < loop.size(); i++) {
            List<String> edge = List.of(loop.get(i + 1), loop.get(i)); // path climbs from child to parent
            if (edges.containsKey(edge) && (last == null || order.indexOf(edge) > order.indexOf(last))) {
                last = edge;
            }
        }
        if (last != null) {
            return edges.get(last);
        }
        Group g = groups.get(group);
        return new Args.Location(g.file == null ? file : g.file, g.line, g.column);
    }

    private List<String> groupsOf(String host, Map<String, Set<String>> parents, Map<String, Integer> depth) {
        Set<String> all = new LinkedHashSet<>();
        groups.values().stream().filter(g -> g.hosts.contains(host)).forEach(g -> ancestors(g.name, parents, all));
        all.add(ALL);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.<String>comparingInt(depth::get)
                .thenComparingInt(this::priority)
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private void ancestors(String group, Map<String, Set<String>> parents, Set<String> out) {
        if (out.add(group)) {
            parents.getOrDefault(group, Set.of()).forEach(p -> ancestors(p, parents, out));
        }
    }

    private int priority(String group) {
        return groups.get(group).priority;
    }

    /**
     * Host's record copies with Map.copyOf, which refuses nulls; a null var is an empty value. A YAML timestamp
     * is its text, and a mapping's typed key (80, true) its Java text, as templates here see them (Host.loaded
     * keeps them for the listing).
     */
    private static Map<String, Object> nullSafe(Map<String, Object> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, v == null ? "" : asText(v)));
        return out;
    }

    /** True when {@code v} holds a YAML timestamp or a mapping key that is not text. */
    private static boolean loadedDiffers(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> !(k instanceof String))
                    || m.values().stream().anyMatch(InventoryDraft::loadedDiffers);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(InventoryDraft::loadedDiffers);
        }
        return v instanceof YamlTimestamp;
    }

    /**
     * {@code v} with each YAML timestamp in it as its text and each mapping key as text; {@code v} itself (shared
     * as it is) if it holds neither.
     */
    private static Object asText(Object v) {
        if (!loadedDiffers(v)) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), asText(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(asText(x)));
            return out;
        }
        return ((YamlTimestamp) v).text();
    }
}
