package dev.duet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load-time checks for facts a playbook reads: an {@code ansible_*} name that no inventory, play or -e
 * defines and that gathering does not set, or an {@code ansible_facts.NAME} / {@code ansible_facts['NAME']}
 * key gathering does not set, is refused by name, because Ansible would have it and Duet would not.
 */
final class FactNames {
    private static final Pattern FACTS_KEY =
            Pattern.compile("ansible_facts\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    private FactNames() {
    }

    /** ansible_facts keys used in {@code value} (strings, maps and lists of them) that gathering does not set. */
    static Set<String> unknownKeys(Object value) {
        Set<String> out = new TreeSet<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof String s) {
            Matcher m = FACTS_KEY.matcher(s);
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                if (!Facts.KEYS.contains(key)) {
                    out.add(key);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }

    /** The error text for undefined names: facts Duet does not gather are named as such. */
    static String describe(Set<String> missing) {
        List<String> facts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        new TreeSet<>(missing).forEach(n -> (n.startsWith("ansible_") ? facts : others).add(n));
        StringBuilder s = new StringBuilder();
        if (!others.isEmpty()) {
            s.append("uses undefined variable(s) ").append(others);
        }
        if (!facts.isEmpty()) {
            s.append(others.isEmpty() ? "" : " and ").append("reads fact(s) ").append(facts)
                    .append(" that Duet does not gather (it gathers ").append(String.join(", ", Facts.NAMES)).append(")");
        }
        return s.toString();
    }
}
