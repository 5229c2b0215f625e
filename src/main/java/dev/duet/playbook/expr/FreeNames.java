package dev.duet.playbook.expr;

import java.util.Set;

/**
 * The variable names an expression needs: every root name it reads, except those it only tests
 * with {@code is defined} or guards with {@code default()}.
 */
public final class FreeNames {
    private FreeNames() {
    }

    public static void collect(Expr e, Set<String> out) {
        collect(e, out, false);
    }

    /**
     * Every root name the expression reads, also those it only tests or guards with {@code default()}:
     * which variables a rendered value can have come from.
     */
    public static void collectRead(Expr e, Set<String> out) {
        collect(e, out, true);
    }

    private static void collect(Expr e, Set<String> out, boolean guarded) {
        if (e instanceof Expr.Var v) {
            out.add(v.name());
        } else if (e instanceof Expr.Item i) {
            collect(i.target(), out, guarded);
            collect(i.key(), out, guarded);
        } else if (e instanceof Expr.ListOf l) {
            l.items().forEach(x -> collect(x, out, guarded));
        } else if (e instanceof Expr.Filter f) {
            if (guarded || !f.name().equals("default") && !f.name().equals("d")) {
                collect(f.input(), out, guarded);
            }
            f.args().forEach(x -> collect(x, out, guarded));
        } else if (e instanceof Expr.Not n) {
            collect(n.operand(), out, guarded);
        } else if (e instanceof Expr.And a) {
            collect(a.left(), out, guarded);
            collect(a.right(), out, guarded);
        } else if (e instanceof Expr.Or o) {
            collect(o.left(), out, guarded);
            collect(o.right(), out, guarded);
        } else if (e instanceof Expr.Compare c) {
            collect(c.left(), out, guarded);
            collect(c.right(), out, guarded);
        } else if (e instanceof Expr.Arith a) {
            collect(a.left(), out, guarded);
            collect(a.right(), out, guarded);
        } else if (e instanceof Expr.Keyword k) {
            collect(k.value(), out, guarded);
        } else if (e instanceof Expr.Test t) {
            if (guarded || !t.test().equals("defined") && !t.test().equals("undefined")) {
                collect(t.target(), out, guarded);
            }
            t.args().forEach(x -> collect(x, out, guarded));
        }
    }
}
