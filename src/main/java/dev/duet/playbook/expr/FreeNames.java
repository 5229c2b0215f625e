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
        if (e instanceof Expr.Var v) {
            out.add(v.name());
        } else if (e instanceof Expr.Item i) {
            collect(i.target(), out);
            collect(i.key(), out);
        } else if (e instanceof Expr.ListOf l) {
            l.items().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.Filter f) {
            if (!f.name().equals("default") && !f.name().equals("d")) {
                collect(f.input(), out);
            }
            f.args().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.Not n) {
            collect(n.operand(), out);
        } else if (e instanceof Expr.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (e instanceof Expr.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (e instanceof Expr.Compare c) {
            collect(c.left(), out);
            collect(c.right(), out);
        } else if (e instanceof Expr.Arith a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (e instanceof Expr.Keyword k) {
            collect(k.value(), out);
        } else if (e instanceof Expr.Test t) {
            if (!t.test().equals("defined") && !t.test().equals("undefined")) {
                collect(t.target(), out);
            }
            t.args().forEach(x -> collect(x, out));
        }
    }
}
