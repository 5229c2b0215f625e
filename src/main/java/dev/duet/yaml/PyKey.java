package dev.duet.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A mapping key as Python's dict compares it, so Duet finds the keys Ansible's loader takes for one: the
 * booleans are the integers 1 and 0, and a float equal to an integer is that integer ({@code on}, {@code 1}
 * and {@code 1.0} are one key), while text is never equal to a number ({@code '1'} and {@code 1} are two).
 */
record PyKey(boolean text, Object value) {
    static PyKey of(Object key) {
        if (key instanceof String s) {
            return new PyKey(true, s);
        }
        if (key instanceof Boolean b) {
            return new PyKey(false, b ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (key instanceof Double d) {
            return new PyKey(false, d.isNaN() || d.isInfinite() ? d : new BigDecimal(d).stripTrailingZeros());
        }
        if (key instanceof Integer || key instanceof Long || key instanceof BigInteger) {
            return new PyKey(false, new BigDecimal(key.toString()).stripTrailingZeros());
        }
        return new PyKey(true, String.valueOf(key));
    }
}
