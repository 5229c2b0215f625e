package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.playbook.expr.Evaluator;
import dev.duet.playbook.expr.Expr;
import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.FreeNames;
import dev.duet.playbook.expr.UndefinedError;
import dev.duet.playbook.expr.Values;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja-style {@code {{ expr }}} substitution in strings, recursively through maps and lists. A string
 * that is exactly one {@code {{ }}} keeps the value's type (a list stays a list); embedded ones are
 * rendered as text. A string with blocks ({@code {% %}}) or comments ({@code {# #}}) is rendered as a
 * {@link JinjaTemplate}. Unknown filters and tests and undefined variables are errors: nothing is
 * passed through unevaluated.
 */
public final class Templater {
    private Templater() {
    }

    /** Renders {@code value} with {@code vars}; errors name {@code where} (may be null). */
    public static Object render(Object value, Map<String, Object> vars, Args.Location where) {
        try {
            return renderUnlocated(value, vars);
        } catch (ExprError e) {
            throw located(where, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> renderMap(Map<String, Object> value, Map<String, Object> vars,
                                                Args.Location where) {
        return (Map<String, Object>) render(value, vars, where);
    }

    public static String renderString(String value, Map<String, Object> vars, Args.Location where) {
        return Values.text(render(value, vars, where));
    }

    /** True if any string inside {@code value} contains template syntax. */
    public static boolean hasTemplate(Object value) {
        if (value instanceof String s) {
            return s.contains("{{") || s.contains("{%") || s.contains("{#");
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Templater::hasTemplate);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(Templater::hasTemplate);
        }
        return false;
    }

    /**
     * Names used by {@code value}'s templates that are not in {@code knownNames}, in order of first use.
     * Lets a planner report undefined variables before any host is contacted. Syntax errors are thrown,
     * located at {@code where}.
     */
    public static Set<String> undefinedVariables(Object value, Set<String> knownNames, Args.Location where) {
        Set<String> used = new LinkedHashSet<>();
        try {
            collect(value, used);
        } catch (ExprError e) {
            throw located(where, e.getMessage());
        }
        used.removeAll(knownNames);
        return used;
    }

    public static Set<String> undefinedVariables(Object value, Set<String> knownNames) {
        return undefinedVariables(value, knownNames, null);
    }

    /**
     * Every variable {@code value}'s templates read, also those guarded with {@code default()} or only
     * tested: the variables a rendered value can have come from (undefined ones included).
     */
    public static Set<String> readVariables(Object value) {
        Set<String> read = new LinkedHashSet<>();
        collect(value, read, true);
        return read;
    }

    /** Parses every template in {@code value} so syntax errors surface at load time. */
    public static void checkSyntax(Object value, Args.Location where) {
        undefinedVariables(value, Set.of(), where);
    }

    /** As {@link #render} but throws unlocated {@link ExprError}s, for callers that add their own context. */
    public static Object renderUnlocated(Object value, Map<String, Object> vars) {
        if (value instanceof String s) {
            return renderString(s, vars);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), renderUnlocated(v, vars)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(renderUnlocated(v, vars)));
            return out;
        }
        return value;
    }

    private static Object renderString(String s, Map<String, Object> vars) {
        if (s.contains("{%") || s.contains("{#")) {
            return JinjaTemplate.parse(s).render(vars);
        }
        List<Object> parts = TemplateSplitter.split(s);
        Evaluator evaluator = new Evaluator(vars);
        if (parts.size() == 1 && parts.get(0) instanceof Expr e) {
            return evaluator.value(e);
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Expr e ? Values.text(evaluator.value(e)) : (String) part);
            Values.checkLength(out.length());
        }
        return out.toString();
    }

    private static void collect(Object value, Set<String> used) {
        collect(value, used, false);
    }

    private static void collect(Object value, Set<String> used, boolean guarded) {
        if (value instanceof String s && (s.contains("{%") || s.contains("{#"))) {
            used.addAll(JinjaTemplate.parse(s).freeNames());
        } else if (value instanceof String s) {
            for (Object part : TemplateSplitter.split(s)) {
                if (part instanceof Expr e && guarded) {
                    FreeNames.collectRead(e, used);
                } else if (part instanceof Expr e) {
                    FreeNames.collect(e, used);
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, used, guarded));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, used, guarded));
        }
    }

    static InputException located(Args.Location where, String message) {
        return where == null ? new InputException(message)
                : new InputException(where.file(), where.line(), where.column(), message);
    }

    /** As {@link #located(Args.Location, String)}, keeping that the cause was an undefined variable. */
    static InputException located(Args.Location where, ExprError e) {
        return e instanceof UndefinedError ? undefinedAt(where, e.getMessage()) : located(where, e.getMessage());
    }

    static UndefinedValueException undefinedAt(Args.Location where, String message) {
        return where == null ? new UndefinedValueException(message)
                : new UndefinedValueException(where.file(), where.line(), where.column(), message);
    }
}
