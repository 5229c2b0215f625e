package dev.duet.playbook.expr;

import dev.duet.playbook.expr.Evaluator.Undefined;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Jinja filters Duet knows; an unknown one is an error, never ignored. */
final class Filters {
    static final List<String> KNOWN =
            List.of("default", "d", "join", "int", "lower", "upper", "trim", "string", "length", "count", "bool");

    private Filters() {
    }

    static Object apply(String name, Object input, List<Object> args) {
        if (name.equals("default") || name.equals("d")) {
            arity(name, args, 1, 2);
            boolean orFalsy = args.size() == 2 && Values.truthy(args.get(1));
            return input instanceof Undefined || (orFalsy && !Values.truthy(input)) ? args.get(0) : input;
        }
        Object v = Evaluator.defined(input);
        switch (name) {
            case "join" -> {
                arity(name, args, 0, 1);
                if (!(v instanceof Collection<?> c)) {
                    throw new ExprError("join: expected a list, got " + Values.typeName(v) + " '" + Values.text(v) + "'");
                }
                String sep = args.isEmpty() ? "" : Values.text(args.get(0));
                StringBuilder out = new StringBuilder();
                boolean first = true;
                for (Object x : c) {
                    out.append(first ? "" : sep).append(Values.text(x));
                    first = false;
                    Values.checkLength(out.length());
                }
                return out.toString();
            }
            case "int" -> {
                arity(name, args, 0, 0);
                return toInt(v);
            }
            case "lower", "upper", "trim", "string" -> {
                arity(name, args, 0, 0);
                String s = Values.text(v);
                return switch (name) {
                    case "lower" -> s.toLowerCase(Locale.ROOT);
                    case "upper" -> s.toUpperCase(Locale.ROOT);
                    case "trim" -> s.strip();
                    default -> s;
                };
            }
            case "length", "count" -> {
                arity(name, args, 0, 0);
                if (v instanceof Collection<?> c) {
                    return c.size();
                }
                if (v instanceof Map<?, ?> m) {
                    return m.size();
                }
                return Values.text(v).length();
            }
            case "bool" -> {
                arity(name, args, 0, 0);
                if (v instanceof Boolean b) {
                    return b;
                }
                String s = Values.text(v).strip().toLowerCase(Locale.ROOT);
                return s.equals("yes") || s.equals("true") || s.equals("on") || s.equals("1") || s.equals("y");
            }
            default -> throw new ExprError("unknown filter '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
        }
    }

    private static Object toInt(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return v;
        }
        if (v instanceof Number n) {
            return (int) n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String s = Values.text(v).strip();
        try {
            long l = Long.parseLong(s);
            return l == (int) l ? (Object) (int) l : (Object) l;
        } catch (NumberFormatException e) {
            throw new ExprError("int: expected a whole number, got '" + s + "'");
        }
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new ExprError(name + ": expected " + (min == max ? min : min + " to " + max)
                    + " argument(s), got " + args.size());
        }
    }
}
