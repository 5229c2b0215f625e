package dev.duet.output;

import dev.duet.yaml.PyKey;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dict's keys as Python sorts them ({@code sort_keys}) and {@code json.dumps} writes them: text by its
 * characters, numbers by value with the booleans as 1 and 0 ({@code true, 1.5, 2}); a JSON key is the text,
 * or {@code "true"}, {@code "80"}, {@code "0.5"}, {@code "Infinity"}. The order is {@link PyKey#compare}, the
 * rule the loader also finds duplicate keys by; it refuses mappings whose keys Python cannot sort (text beside
 * numbers), so one mapping holds one kind.
 */
final class PyKeys {
    private PyKeys() {
    }

    static List<Map.Entry<Object, Object>> sorted(Map<?, ?> m) {
        List<Map.Entry<Object, Object>> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        out.sort((a, b) -> PyKey.compare(a.getKey(), b.getKey()));
        return out;
    }

    static String json(Object key) {
        if (key instanceof Double d) {
            return PyScalars.floatRepr(d, "Infinity", "NaN");
        }
        return String.valueOf(key);
    }
}
