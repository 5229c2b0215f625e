package dev.duet.playbook;

import dev.duet.inventory.Host;
import dev.duet.inventory.Inventory;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The variables a task sees on one host, lowest precedence first, as Ansible ranks them: role defaults,
 * inventory vars (all, groups, host), facts, play vars (then vars_files, then role vars), extra vars
 * ({@code -e}), then the magic variables of
 * {@link MagicVars}: {@code inventory_hostname}, {@code group_names}, {@code groups} (group → hosts),
 * {@code hostvars} (host → that host's variables, so a task can read its peer's
 * {@code replication_address}), {@code playbook_dir}, {@code ansible_play_hosts} and more. Templates in
 * inventory and play vars are resolved
 * when first read (see {@link LazyVars}); undefined names and cycles are {@link dev.duet.error.InputException}s.
 */
public final class Vars {
    public static final Set<String> MAGIC = MagicVars.NAMES;

    private Vars() {
    }

    /**
     * Variables of {@code host} in {@code play}; {@code factsByHost} (host → facts, may lack hosts)
     * also feeds {@code hostvars}.
     */
    public static Map<String, Object> forHost(Play play, Inventory inventory, Host host,
                                              Map<String, Map<String, Object>> factsByHost) {
        return forHost(play, inventory, host, factsByHost, Map.of());
    }

    /** The same with the run's extra variables ({@code -e}), which rank above everything but the magic ones. */
    public static Map<String, Object> forHost(Play play, Inventory inventory, Host host,
                                              Map<String, Map<String, Object>> factsByHost, Map<String, Object> extra) {
        Map<String, Map<String, Object>> cache = new HashMap<>();
        HostvarsView hostvars = new HostvarsView(inventory.hosts().keySet());
        List<String> playHosts = playHosts(play, inventory, host);
        hostvars.load = name -> cache.computeIfAbsent(name, n -> build(play, inventory.hosts().get(n), inventory.groups(),
                factsByHost.get(n), extra, hostvars, playHosts));
        Map<String, Object> own = build(play, host, inventory.groups(), factsByHost.get(host.name()), extra, hostvars,
                playHosts);
        cache.put(host.name(), own);
        return own;
    }

    /** For a single host without an inventory around it: {@code groups} and {@code hostvars} know only this host. */
    public static Map<String, Object> forHost(Play play, Host host, Map<String, Object> facts) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        host.groups().forEach(g -> groups.put(g, List.of(host.name())));
        Map<String, Object> hostvars = new LinkedHashMap<>();
        Map<String, Object> own = build(play, host, groups, facts, Map.of(), hostvars, List.of(host.name()));
        hostvars.put(host.name(), own);
        return own;
    }

    /**
     * Names a task on {@code host} can use without facts: inventory and play vars and the magic ones.
     * Add the fact names to get everything {@link Templater#undefinedVariables} should accept.
     */
    public static Set<String> knownNames(Play play, Host host, Collection<String> factNames) {
        Set<String> names = new LinkedHashSet<>(play.roleDefaults().keySet());
        names.addAll(host.vars().keySet());
        names.addAll(play.vars().keySet());
        names.addAll(factNames);
        names.addAll(MAGIC);
        return names;
    }

    /** The play's hosts in inventory order (just this host if the pattern names none, e.g. a play built in code). */
    private static List<String> playHosts(Play play, Inventory inventory, Host host) {
        try {
            List<String> names = inventory.hostsMatching(play.hosts()).stream().map(Host::name).toList();
            return names.isEmpty() ? List.of(host.name()) : names;
        } catch (RuntimeException e) {
            return List.of(host.name()); // the planner reports a bad pattern, at the play
        }
    }

    private static Map<String, Object> build(Play play, Host host, Map<String, List<String>> groups,
                                             Map<String, Object> facts, Map<String, Object> extra,
                                             Map<String, Object> hostvars, List<String> playHosts) {
        // role defaults < inventory < facts < play vars (with vars_files and role vars) < extra vars
        Map<String, Object> raw = new LinkedHashMap<>(play.roleDefaults());
        raw.putAll(host.vars());
        Set<String> literal = new LinkedHashSet<>();
        if (facts != null) {
            raw.putAll(facts);
            literal.addAll(facts.keySet());
        }
        raw.putAll(play.vars());
        literal.removeAll(play.vars().keySet());
        raw.putAll(extra);
        literal.addAll(extra.keySet());
        Map<String, Object> magic = MagicVars.of(play, host, groups, playHosts, hostvars);
        raw.putAll(magic);
        literal.addAll(magic.keySet());
        // host variables the inventory loader sets; a host built in code has no inventory file
        raw.putIfAbsent("inventory_file", null);
        raw.putIfAbsent("inventory_dir", null);
        return new LazyVars(raw, literal);
    }

    /** hostvars computed per host on first access, so building one host's vars does not build all. */
    private static final class HostvarsView extends AbstractMap<String, Object> {
        private final Set<String> names;
        private Function<String, Object> load;

        HostvarsView(Set<String> names) {
            this.names = names;
        }

        @Override
        public boolean containsKey(Object key) {
            return names.contains(key);
        }

        @Override
        public Object get(Object key) {
            return names.contains(key) ? load.apply((String) key) : null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            names.forEach(n -> all.put(n, get(n)));
            return all.entrySet();
        }
    }
}
