package dev.duet.cli;

import dev.duet.inventory.Inventory;
import dev.duet.playbook.Play;
import dev.duet.playbook.Playbook;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many pairs in one inventory: a parent group whose child groups are the pairs. When every play of the
 * playbook targets such a parent, and its largest child groups split its hosts into two or more disjoint
 * groups, the run is split into one run per child group. Each runs on an inventory holding only that
 * pair: its hosts, the groups as seen from them, and the parent group meaning the pair's own hosts (so
 * {@code groups['drbd_pair'][0]} is the pair's first host and its resource and addresses its own).
 * Any other inventory shape gives no scopes: one run, as before.
 */
final class PairScopes {
    private static final Set<String> IMPLICIT = Set.of("all", "ungrouped");

    /** One pair: the child group's name and the inventory as that pair sees it. */
    record Scope(String name, Inventory inventory) {
    }

    private PairScopes() {
    }

    static List<Scope> of(Inventory inventory, Playbook playbook) {
        Set<String> patterns = new HashSet<>();
        playbook.plays().stream().map(Play::hosts).forEach(patterns::add);
        if (patterns.size() != 1) {
            return List.of();
        }
        String parent = patterns.iterator().next();
        List<String> members = inventory.groups().get(parent);
        if (members == null || IMPLICIT.contains(parent)) {
            return List.of();
        }
        List<String> pairs = largestSubgroups(inventory.groups(), parent, members);
        Set<String> covered = new HashSet<>();
        int total = 0;
        for (String g : pairs) {
            covered.addAll(inventory.groups().get(g));
            total += inventory.groups().get(g).size();
        }
        if (pairs.size() < 2 || total != covered.size() || !covered.equals(Set.copyOf(members))) {
            return List.of();
        }
        List<Scope> scopes = new ArrayList<>();
        for (String g : pairs) {
            scopes.add(new Scope(g, scoped(inventory, parent, inventory.groups().get(g))));
        }
        return scopes;
    }

    /** Groups holding some but not all of the parent's hosts and none else, not inside a larger such group. */
    private static List<String> largestSubgroups(Map<String, List<String>> groups, String parent, List<String> members) {
        List<String> inside = groups.entrySet().stream()
                .filter(e -> !e.getKey().equals(parent) && !IMPLICIT.contains(e.getKey()))
                .filter(e -> !e.getValue().isEmpty() && e.getValue().size() < members.size()
                        && members.containsAll(e.getValue()))
                .map(Map.Entry::getKey).toList();
        return inside.stream().filter(g -> inside.stream().noneMatch(o -> !o.equals(g)
                && groups.get(o).size() > groups.get(g).size() && groups.get(o).containsAll(groups.get(g)))).toList();
    }

    private static Inventory scoped(Inventory inventory, String parent, List<String> pairHosts) {
        Set<String> own = Set.copyOf(pairHosts);
        var hosts = new LinkedHashMap<String, dev.duet.inventory.Host>();
        inventory.hosts().forEach((n, h) -> {
            if (own.contains(n)) {
                hosts.put(n, h);
            }
        });
        var groups = new LinkedHashMap<String, List<String>>();
        inventory.groups().forEach((g, hs) -> {
            List<String> mine = hs.stream().filter(own::contains).toList();
            if (!mine.isEmpty() || IMPLICIT.contains(g)) {
                groups.put(g, mine);
            }
        });
        groups.put(parent, List.copyOf(pairHosts));
        var origins = new LinkedHashMap<String, Map<String, Args.Location>>();
        inventory.origins().forEach((h, o) -> {
            if (own.contains(h)) {
                origins.put(h, o);
            }
        });
        return new Inventory(inventory.source(), hosts, groups, origins);
    }
}
