package dev.duet.yaml;

import java.math.BigDecimal;

/**
 * A mapping key as Python's dict compares it, so Duet finds the keys Ansible's loader takes for one: the
 * booleans are the integers 1 and 0, and a float equal to an integer is that integer ({@code on}, {@code 1}
 * and {@code 1.0} are one key), while text is never equal to a number ({@code '1'} and {@code 1} are two).
 * The same values order keys as Python's {@code sort_keys} does ({@link #compare}).
 */
public record PyKey(boolean text, Object value) {
    public static PyKey of(Object key) {
        if (key instanceof String s) {
            return new PyKey(true, s);
        }
        if (key instanceof Boolean b) {
            return new PyKey(false, b ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (key instanceof Double d) {
            return new PyKey(false, d.isNaN() || d.isInfinite() ? d : new BigDecimal(d).stripTrailingZeros());
        }
        if (key instanceof Number n) {
            return new PyKey(false, new BigDecimal(n.toString()).stripTrailingZeros());
        }
        return new PyKey(true, String.valueOf(key));
    }

    /**
     * Python's order of two keys of one kind: text by its characters, numbers (booleans as 1 and 0) by value,
     * exactly, an infinity or NaN as a double. Keys of two kinds, which the loader refuses in one mapping, by
     * their text.
     */
    public static int compare(Object a, Object b) {
        PyKey x = of(a);
        PyKey y = of(b);
        if (x.text != y.text) {
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
        if (x.text) {
            return ((String) x.value).compareTo((String) y.value);
        }
        if (x.value instanceof BigDecimal p && y.value instanceof BigDecimal q) {
            return p.compareTo(q);
        }
        return Double.compare(((Number) x.value).doubleValue(), ((Number) y.value).doubleValue());
    }
}
