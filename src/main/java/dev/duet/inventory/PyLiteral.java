package dev.duet.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval}, which Ansible's INI inventory applies to every value: numbers in
 * any base ({@code 0x10} is 16, {@code 1_000} is 1000), {@code True}/{@code False}/{@code None}, quoted
 * strings, lists, tuples and dicts, and a trailing {@code # comment}. Whatever literal_eval refuses
 * ({@code yes}, {@code true}, {@code /dev/vdb}, {@code 0644}) stays the text it was.
 */
final class PyLiteral {
    /** Marks "not a literal" while parsing; never escapes this class. */
    private static final class NotLiteral extends RuntimeException {
        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** The value literal_eval gives {@code text}, or {@code text} itself when it is not a literal. */
    static Object eval(String text) {
        PyLiteral p = new PyLiteral(text);
        try {
            p.space();
            Object v = p.value();
            p.space();
            if (p.i < p.s.length() && p.s.charAt(p.i) == '#') {
                p.i = p.s.length();
            }
            if (p.i != p.s.length()) {
                return text;
            }
            return v;
        } catch (NotLiteral | StackOverflowError e) {
            return text;
        }
    }

    private Object value() {
        if (i >= s.length()) {
            throw new NotLiteral();
        }
        char c = s.charAt(i);
        if (c == '[' || c == '(') {
            return sequence(c == '[' ? ']' : ')');
        }
        if (c == '{') {
            return dict();
        }
        if (c == '\'' || c == '"') {
            StringBuilder out = new StringBuilder(string());
            // adjacent string literals concatenate, as in Python
            while (true) {
                int save = i;
                space();
                if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
                    out.append(string());
                } else {
                    i = save;
                    return out.toString();
                }
            }
        }
        if (c == '-' || c == '+') {
            i++;
            space();
            if (i >= s.length() || !(Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                throw new NotLiteral(); // literal_eval takes one sign before a number, nothing else
            }
            Object n = number();
            return c == '+' ? n : negate((Number) n);
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return switch (s.substring(start, i)) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> throw new NotLiteral();
        };
    }

    private List<Object> sequence(char close) {
        i++;
        List<Object> out = new ArrayList<>();
        space();
        while (true) {
            if (i < s.length() && s.charAt(i) == close) {
                i++;
                return out;
            }
            out.add(value());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                space();
            } else if (i >= s.length() || s.charAt(i) != close) {
                throw new NotLiteral();
            }
        }
    }

    private Map<Object, Object> dict() {
        i++;
        Map<Object, Object> out = new LinkedHashMap<>();
        space();
        while (true) {
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return out;
            }
            Object key = value();
            space();
            expect(':');
            space();
            out.put(key, value());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                space();
            } else if (i >= s.length() || s.charAt(i) != '}') {
                throw new NotLiteral();
            }
        }
    }

    private String string() {
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        i += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new NotLiteral();
            }
            char c = s.charAt(i);
            if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) {
                i += triple ? 3 : 1;
                return out.toString();
            }
            if (c == '\n' && !triple) {
                throw new NotLiteral();
            }
            if (c == '\\' && i + 1 < s.length()) {
                out.append(escape(s.charAt(i + 1)));
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
    }

    private String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\\', '\'', '"' -> String.valueOf(c);
            case '\n' -> "";
            default -> "\\" + c;
        };
    }

    private Number number() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.'
                || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                && !s.substring(start, i).toLowerCase().startsWith("0x")))) {
            i++;
        }
        String t = s.substring(start, i);
        if (t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
            throw new NotLiteral();
        }
        String n = t.replace("_", "").toLowerCase();
        try {
            if (n.matches("0x[0-9a-f]+")) {
                return integer(new BigInteger(n.substring(2), 16));
            }
            if (n.matches("0o[0-7]+")) {
                return integer(new BigInteger(n.substring(2), 8));
            }
            if (n.matches("0b[01]+")) {
                return integer(new BigInteger(n.substring(2), 2));
            }
            if (n.matches("0+|[1-9][0-9]*")) {
                return integer(new BigInteger(n));
            }
            if (n.matches("([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)(e[-+]?[0-9]+)?") && !n.matches("0[0-9]+")) {
                return Double.valueOf(n);
            }
        } catch (NumberFormatException e) {
            throw new NotLiteral();
        }
        throw new NotLiteral(); // 0644, 1j, 12abc: Python refuses them too
    }

    private static Number integer(BigInteger v) {
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        return v.bitLength() < 64 ? (Number) v.longValue() : v;
    }

    private static Number negate(Number n) {
        if (n instanceof Integer x) {
            return x == Integer.MIN_VALUE ? (Number) (-(long) x) : (Number) (-x);
        }
        if (n instanceof Long x) {
            return BigInteger.valueOf(x).negate().bitLength() < 64 ? (Number) (-x) : BigInteger.valueOf(x).negate();
        }
        if (n instanceof BigInteger x) {
            return integer(x.negate());
        }
        return -n.doubleValue();
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new NotLiteral();
        }
        i++;
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }
}
