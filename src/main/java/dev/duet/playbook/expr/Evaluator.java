package dev.duet.playbook.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link Expr} against variables. An undefined name evaluates to {@link Undefined} so
 * that {@code is defined} and {@code default()} can see it; any other use of it is an error.
 */
public final class Evaluator {
    /** A name or key that is not defined; carries the dotted path for the error message. */
    public record Undefined(String path) {
    }

    private final Map<String, Object> vars;

    public Evaluator(Map<String, Object> vars) {
        this.vars = vars;
    }

    /** The value, or an {@link UndefinedError} if the whole expression is undefined. */
    public Object value(Expr e) {
        return defined(eval(e));
    }

    public boolean truth(Expr e) {
        return Values.truthy(value(e));
    }

    Object eval(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Var v) {
            return vars.containsKey(v.name()) ? vars.get(v.name()) : new Undefined(v.name());
        }
        if (e instanceof Expr.Item i) {
            return item(i);
        }
        if (e instanceof Expr.ListOf l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(x -> out.add(value(x)));
            return out;
        }
        if (e instanceof Expr.Filter f) {
            return Filters.apply(f.name(), eval(f.input()), f.args().stream().map(this::value).toList());
        }
        if (e instanceof Expr.Not n) {
            return !truth(n.operand());
        }
        if (e instanceof Expr.And a) {
            return truth(a.left()) && truth(a.right());
        }
        if (e instanceof Expr.Or o) {
            return truth(o.left()) || truth(o.right());
        }
        if (e instanceof Expr.Compare c) {
            return Values.compare(c.op(), value(c.left()), value(c.right()));
        }
        if (e instanceof Expr.Arith a) {
            return Values.arith(a.op(), value(a.left()), value(a.right()));
        }
        if (e instanceof Expr.Keyword k) {
            return new Filters.KeywordArg(k.name(), value(k.value()));
        }
        Expr.Test t = (Expr.Test) e;
        Object target = eval(t.target());
        boolean result = Tests.apply(t.test(), target, t.args().stream().map(this::value).toList());
        return result != t.negated();
    }

    private Object item(Expr.Item i) {
        Object target = eval(i.target());
        Object key = value(i.key());
        String path = (target instanceof Undefined u ? u.path() : describe(i.target())) + "." + key;
        if (target instanceof Undefined) {
            return new Undefined(path);
        }
        if (target instanceof Map<?, ?> m) {
            String k = String.valueOf(key);
            return m.containsKey(k) ? m.get(k) : new Undefined(path);
        }
        if (target instanceof List<?> l && key instanceof Integer n) {
            return n >= 0 && n < l.size() ? l.get(n) : new Undefined(path);
        }
        throw new ExprError("cannot look up '" + key + "' in " + describe(i.target()) + " (a "
                + Values.typeName(target) + ")");
    }

    private static String describe(Expr e) {
        if (e instanceof Expr.Var v) {
            return v.name();
        }
        if (e instanceof Expr.Item i) {
            return describe(i.target()) + "." + (i.key() instanceof Expr.Literal l ? l.value() : "[...]");
        }
        return "a value";
    }

    static Object defined(Object v) {
        if (v instanceof Undefined u) {
            throw new UndefinedError(u.path());
        }
        return v;
    }
}
