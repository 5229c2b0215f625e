package dev.duet.output;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dict's keys as Python sorts them ({@code sort_keys}) and {@code json.dumps} writes them: text by its
 * characters, numbers by value with the booleans as 1 and 0 ({@code true, 1.5, 2}); a JSON key is the text,
 * or {@code "true"}, {@code "80"}, {@code "0.5"}, {@code "Infinity"}. The loader refuses mappings whose keys
 * Python cannot sort (text beside numbers), so one mapping holds one kind.
 */
final class PyKeys {
    private PyKeys() {
    }

    static List<Map.Entry<Object, Object>> sorted(Map<?, ?> m) {
        List<Map.Entry<Object, Object>> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        out.sort((a, b) -> compare(a.getKey(), b.getKey()));
        return out;
    }

    static String json(Object key) {
        if (key instanceof Double d) {
            return PyScalars.floatRepr(d, "Infinity", "NaN");
        }
        return String.valueOf(key);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (isNumber(a) && isNumber(b)) {
            Double x = asDouble(a);
            Double y = asDouble(b);
            if (x.isInfinite() || y.isInfinite() || x.isNaN() || y.isNaN()) {
                return Double.compare(x, y);
            }
            return exact(a).compareTo(exact(b));
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static boolean isNumber(Object k) {
        return k instanceof Number || k instanceof Boolean;
    }

    private static Double asDouble(Object k) {
        return k instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) k).doubleValue();
    }

    private static BigDecimal exact(Object k) {
        if (k instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return k instanceof Double d ? new BigDecimal(d) : new BigDecimal(k.toString());
    }
}
