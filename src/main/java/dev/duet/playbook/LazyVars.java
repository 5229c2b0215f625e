package dev.duet.playbook;

import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.ExprLimit;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One host's variables, templated on first read as Ansible does: a play var may refer to another
 * var or to a fact, and a var that is never used may stay broken. Cycles are reported with their path.
 * Values in {@code literal} (facts, magic variables) are never templated: they come from hosts.
 */
final class LazyVars extends AbstractMap<String, Object> {
    /** Variables resolving through one another at once; each level is a few stack frames. */
    static final int MAX_CHAIN = 100;

    private final Map<String, Object> raw;
    private final Set<String> literal;
    private final Map<String, Object> resolved = new HashMap<>();
    private final LinkedHashSet<String> resolving = new LinkedHashSet<>();

    LazyVars(Map<String, Object> raw, Set<String> literal) {
        this.raw = raw;
        this.literal = literal;
    }

    @Override
    public boolean containsKey(Object key) {
        return raw.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name) || !raw.containsKey(name)) {
            return null;
        }
        if (resolved.containsKey(name)) {
            return resolved.get(name);
        }
        Object value = raw.get(name);
        if (literal.contains(name) || !Templater.hasTemplate(value)) {
            return value;
        }
        if (!resolving.add(name)) {
            throw new ExprError("variable '" + name + "' refers to itself: " + String.join(" -> ", resolving)
                    + " -> " + name);
        }
        if (resolving.size() > MAX_CHAIN) {
            resolving.remove(name);
            throw new ExprLimit("variables refer to one another more than " + MAX_CHAIN + " levels deep: "
                    + chain() + " -> " + name);
        }
        try {
            Object out = Templater.renderUnlocated(value, this);
            resolved.put(name, out);
            return out;
        } catch (ExprError e) {
            if (e.getMessage().contains("refers to itself") || e.getMessage().contains(" (in variable '")) {
                throw e;
            }
            String message = e.getMessage() + " (in variable '" + name + "')";
            throw e instanceof ExprLimit ? new ExprLimit(message) : new ExprError(message);
        } finally {
            resolving.remove(name);
        }
    }

    /** The names being resolved, the middle left out. */
    private String chain() {
        java.util.List<String> names = java.util.List.copyOf(resolving);
        return String.join(" -> ", names.subList(0, 3)) + " -> ... -> "
                + String.join(" -> ", names.subList(names.size() - 3, names.size()));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String k : raw.keySet()) {
            all.put(k, get(k));
        }
        return Collections.unmodifiableMap(all).entrySet();
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(raw.keySet());
    }

    @Override
    public int size() {
        return raw.size();
    }
}
