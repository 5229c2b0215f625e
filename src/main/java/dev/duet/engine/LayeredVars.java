package dev.duet.engine;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A host's variables with a layer on top: registered results, or a loop's {@code item}. Names in
 * {@code below} (the extra variables, which outrank everything in Ansible) are never shadowed.
 * Reads are lazy, so the base's own lazy templating still happens only on use.
 */
final class LayeredVars extends AbstractMap<String, Object> {
    private final Map<String, Object> top;
    private final Map<String, Object> base;
    private final Set<String> below;

    LayeredVars(Map<String, Object> top, Map<String, Object> base, Set<String> below) {
        this.top = top;
        this.base = base;
        this.below = below;
    }

    static LayeredVars with(Map<String, Object> base, String name, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(name, value);
        return new LayeredVars(one, base, Set.of());
    }

    @Override
    public boolean containsKey(Object key) {
        return (top.containsKey(key) && !below.contains(key)) || base.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (top.containsKey(key) && !below.contains(key)) {
            return top.get(key);
        }
        return base.get(key);
    }

    @Override
    public Set<String> keySet() {
        Set<String> keys = new LinkedHashSet<>(base.keySet());
        keys.addAll(top.keySet());
        return keys;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String k : keySet()) {
            all.put(k, get(k));
        }
        return all.entrySet();
    }
}
