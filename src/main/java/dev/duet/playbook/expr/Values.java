package dev.duet.playbook.expr;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Python/Jinja value semantics: truthiness, equality across number types, rendering as text. */
public final class Values {
    /**
     * Characters a rendered value may hold as text: a variable that doubles itself a few dozen times would
     * otherwise need gigabytes. A megabyte is far above any file a playbook writes from a template.
     */
    public static final int MAX_TEXT = 1_000_000;

    private Values() {
    }

    /** Throws when {@code length} characters of rendered text is more than {@link #MAX_TEXT}. */
    public static void checkLength(long length) {
        if (length > MAX_TEXT) {
            throw new ExprLimit("the rendered text is longer than " + MAX_TEXT
                    + " characters (a variable that repeats itself?)");
        }
    }

    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    static boolean compare(String op, Object a, Object b) {
        switch (op) {
            case "==":
                return equal(a, b);
            case "!=":
                return !equal(a, b);
            case "in":
                return contains(b, a);
            case "not in":
                return !contains(b, a);
            default:
                break;
        }
        int c;
        if (a instanceof Number x && b instanceof Number y) {
            c = Double.compare(x.doubleValue(), y.doubleValue());
        } else if (a instanceof String x && b instanceof String y) {
            c = x.compareTo(y);
        } else {
            throw new ExprError("cannot compare " + typeName(a) + " '" + text(a) + "' " + op + " " + typeName(b)
                    + " '" + text(b) + "'");
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean contains(Object container, Object item) {
        if (container instanceof Collection<?> c) {
            return c.stream().anyMatch(x -> equal(x, item));
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(String.valueOf(item));
        }
        if (container instanceof String s && item instanceof String i) {
            return s.contains(i);
        }
        throw new ExprError("cannot test 'in' against " + typeName(container) + " '" + text(container) + "'");
    }

    /** How a value reads when embedded in text, as Ansible renders it. */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            StringBuilder out = new StringBuilder();
            repr(v, out);
            return out.toString();
        }
        return String.valueOf(v);
    }

    /** Python's repr, written into {@code out} and stopped once it is longer than {@link #MAX_TEXT}. */
    private static void repr(Object v, StringBuilder out) {
        checkLength(out.length());
        if (v instanceof String s) {
            out.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        } else if (v == null) {
            out.append("None");
        } else if (v instanceof List<?> l) {
            out.append('[');
            String sep = "";
            for (Object x : l) {
                out.append(sep);
                repr(x, out);
                sep = ", ";
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(sep);
                repr(e.getKey(), out);
                out.append(": ");
                repr(e.getValue(), out);
                sep = ", ";
            }
            out.append('}');
        } else {
            out.append(text(v));
        }
        checkLength(out.length());
    }

    static String typeName(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Map<?, ?>) {
            return "mapping";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }
}
