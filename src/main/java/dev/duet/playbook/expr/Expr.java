package dev.duet.playbook.expr;

import java.util.List;

/** The parsed form of a {@code {{ }}} expression or a {@code when:} condition. */
public sealed interface Expr {
    record Literal(Object value) implements Expr {
    }

    record Var(String name) implements Expr {
    }

    /** {@code a.b}, {@code a['b']}, {@code a[0]}, {@code a[key]}. */
    record Item(Expr target, Expr key) implements Expr {
    }

    record ListOf(List<Expr> items) implements Expr {
    }

    record Filter(Expr input, String name, List<Expr> args) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    /** {@code ==, !=, <, <=, >, >=, in, not in}. */
    record Compare(String op, Expr left, Expr right) implements Expr {
    }

    /** {@code ~} (concatenate as text), {@code +}, {@code -}. */
    record Arith(String op, Expr left, Expr right) implements Expr {
    }

    /** A keyword argument of a filter call: {@code map(attribute='name')}. */
    record Keyword(String name, Expr value) implements Expr {
    }

    /** {@code x is [not] TEST [(args)]}: defined, undefined, none, changed, failed, succeeded, skipped, ... */
    record Test(Expr target, String test, boolean negated, List<Expr> args) implements Expr {
        public Test(Expr target, String test, boolean negated) {
            this(target, test, negated, List.of());
        }
    }
}
