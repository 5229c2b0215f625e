package dev.duet.inventory;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible host patterns: {@code all} (or {@code *}), a group, a host, a glob ({@code node*}),
 * unions {@code a:b} (or {@code a,b}), intersections {@code a:&b} and exclusions {@code a:!b}.
 * A term that names nothing in the inventory is an error rather than an empty selection.
 */
public final class HostPattern {
    private HostPattern() {
    }

    /** Matching hosts in inventory order. {@code where} (may be null) locates the pattern in errors. */
    public static List<Host> select(Inventory inventory, String pattern, Args.Location where) {
        if (pattern == null || pattern.isBlank()) {
            throw error(where, "expected a host pattern such as 'all', a group or a host name, got nothing");
        }
        Set<String> selected = new LinkedHashSet<>();
        boolean first = true;
        for (String raw : pattern.split("[:,]")) {
            String term = raw.strip();
            if (term.isEmpty()) {
                throw error(where, "empty term in host pattern '" + pattern + "'");
            }
            if (first && (term.startsWith("!") || term.startsWith("&"))) {
                // As in Ansible, a pattern that starts by excluding means "all hosts except".
                selected.addAll(inventory.hosts().keySet());
            }
            if (term.startsWith("!")) {
                selected.removeAll(resolve(inventory, term.substring(1), pattern, where));
            } else if (term.startsWith("&")) {
                selected.retainAll(resolve(inventory, term.substring(1), pattern, where));
            } else {
                selected.addAll(resolve(inventory, term, pattern, where));
            }
            first = false;
        }
        List<Host> out = new ArrayList<>();
        for (Host h : inventory.hosts().values()) {
            if (selected.contains(h.name())) {
                out.add(h);
            }
        }
        return out;
    }

    private static Set<String> resolve(Inventory inventory, String term, String pattern, Args.Location where) {
        Set<String> names = new LinkedHashSet<>();
        if (term.equals("all") || term.equals("*")) {
            names.addAll(inventory.hosts().keySet());
            return names;
        }
        if (term.contains("*") || term.contains("?")) {
            Pattern glob = Pattern.compile(term.replace(".", "\\.").replace("*", ".*").replace("?", "."));
            inventory.groups().forEach((g, hosts) -> {
                if (glob.matcher(g).matches()) {
                    names.addAll(hosts);
                }
            });
            inventory.hosts().keySet().stream().filter(h -> glob.matcher(h).matches()).forEach(names::add);
        } else if (inventory.groups().containsKey(term)) {
            names.addAll(inventory.groups().get(term));
        } else if (inventory.hosts().containsKey(term)) {
            names.add(term);
        }
        if (names.isEmpty() && !inventory.groups().containsKey(term)) {
            throw error(where, "host pattern '" + pattern + "': no group or host named '" + term + "' (groups: "
                    + String.join(", ", inventory.groups().keySet()) + "; hosts: "
                    + String.join(", ", inventory.hosts().keySet()) + ")");
        }
        return names;
    }

    private static InputException error(Args.Location where, String message) {
        return where == null ? new InputException(message)
                : new InputException(where.file(), where.line(), where.column(), message);
    }
}
