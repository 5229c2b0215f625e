package dev.duet.playbook.expr;

import java.util.List;

/**
 * Bounds how deep an expression nests. Parsing, evaluation and name collection all recurse over the tree,
 * so {@code ((((...))))}, {@code not not not ...} or {@code a or a or ...} thousands deep would overflow
 * the stack; this walk itself recurses only down to the limit.
 */
final class ExprDepth {
    /** Far above what a readable condition or value uses, far below what the stack holds. */
    static final int MAX = 100;

    private ExprDepth() {
    }

    static void check(Expr e, String src) {
        walk(e, MAX, src);
    }

    static ExprError tooDeep(String src) {
        return new ExprLimit("expression nested more than " + MAX + " levels deep: '" + abbreviate(src) + "'");
    }

    /** The start and end of a long source text, for messages. */
    static String abbreviate(String src) {
        return src.length() <= 200 ? src : src.substring(0, 60) + " ... " + src.substring(src.length() - 40);
    }

    private static void walk(Expr e, int budget, String src) {
        if (budget == 0) {
            throw tooDeep(src);
        }
        int next = budget - 1;
        if (e instanceof Expr.Item i) {
            walk(i.target(), next, src);
            walk(i.key(), next, src);
        } else if (e instanceof Expr.ListOf l) {
            all(l.items(), next, src);
        } else if (e instanceof Expr.Filter f) {
            walk(f.input(), next, src);
            all(f.args(), next, src);
        } else if (e instanceof Expr.Not n) {
            walk(n.operand(), next, src);
        } else if (e instanceof Expr.And a) {
            walk(a.left(), next, src);
            walk(a.right(), next, src);
        } else if (e instanceof Expr.Or o) {
            walk(o.left(), next, src);
            walk(o.right(), next, src);
        } else if (e instanceof Expr.Compare c) {
            walk(c.left(), next, src);
            walk(c.right(), next, src);
        } else if (e instanceof Expr.Test t) {
            walk(t.target(), next, src);
        }
    }

    private static void all(List<Expr> items, int budget, String src) {
        for (Expr x : items) {
            walk(x, budget, src);
        }
    }
}
