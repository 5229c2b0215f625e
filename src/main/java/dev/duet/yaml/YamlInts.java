package dev.duet.yaml;

import java.math.BigInteger;

/**
 * YAML 1.1 integers as PyYAML (Ansible's parser) constructs them: {@code 0644} is octal (420),
 * {@code 0x1F} hex, {@code 0b101} binary, {@code 1_000} a thousand, {@code 1:30} sexagesimal (90).
 * SnakeYAML has already decided the scalar is an int by the same YAML 1.1 rules.
 */
final class YamlInts {
    private YamlInts() {
    }

    static Object value(String text) {
        String v = text.replace("_", "");
        int sign = 1;
        if (v.startsWith("-") || v.startsWith("+")) {
            sign = v.startsWith("-") ? -1 : 1;
            v = v.substring(1);
        }
        BigInteger n;
        try {
            if (v.equals("0")) {
                n = BigInteger.ZERO;
            } else if (v.startsWith("0b")) {
                n = new BigInteger(v.substring(2), 2);
            } else if (v.startsWith("0x")) {
                n = new BigInteger(v.substring(2), 16);
            } else if (v.startsWith("0")) {
                n = new BigInteger(v.substring(1), 8);
            } else if (v.contains(":")) {
                n = BigInteger.ZERO;
                for (String digit : v.split(":")) {
                    n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(digit));
                }
            } else {
                n = new BigInteger(v);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        n = sign < 0 ? n.negate() : n;
        if (n.bitLength() < 32) {
            return n.intValue();
        }
        return n.bitLength() < 64 ? (Object) n.longValue() : (Object) n;
    }
}
