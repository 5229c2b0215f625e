package dev.duet.playbook.expr;

import dev.duet.playbook.expr.ExprLexer.Token;
import dev.duet.playbook.expr.ExprLexer.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the small Jinja subset Duet supports: or / and / not, comparisons,
 * {@code in}, {@code is [not] defined}, filters, attribute and item access, literals and lists.
 * Anything else is an error naming the position, never passed through.
 */
public final class ExprParser {
    private static final List<String> COMPARE = List.of("==", "!=", "<=", ">=", "<", ">");

    private final String src;
    private final List<Token> tokens;
    private int pos;
    /** Open or()/not() calls: the parser's own recursion, bounded before the stack is. */
    private int nesting;

    private ExprParser(String src) {
        this.src = src;
        this.tokens = ExprLexer.tokens(src);
    }

    public static Expr parse(String src) {
        ExprParser p = new ExprParser(src);
        if (p.peek().type() == Type.END) {
            throw new ExprError("empty expression");
        }
        Expr e = p.or();
        if (p.peek().type() != Type.END) {
            throw p.unexpected("an operator or the end");
        }
        ExprDepth.check(e, src);
        return e;
    }

    private Expr or() {
        enter();
        Expr left = and();
        while (accept("or")) {
            left = new Expr.Or(left, and());
        }
        nesting--;
        return left;
    }

    private void enter() {
        if (++nesting > ExprDepth.MAX) {
            throw ExprDepth.tooDeep(src);
        }
    }

    private Expr and() {
        Expr left = not();
        while (accept("and")) {
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() {
        if (accept("not")) {
            enter();
            Expr operand = not();
            nesting--;
            return new Expr.Not(operand);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = filtered();
        Token t = peek();
        if (t.type() == Type.OP && COMPARE.contains(t.text())) {
            pos++;
            return new Expr.Compare(t.text(), left, filtered());
        }
        if (accept("in")) {
            return new Expr.Compare("in", left, filtered());
        }
        if (peek().is("not") && tokens.get(pos + 1).is("in")) {
            pos += 2;
            return new Expr.Compare("not in", left, filtered());
        }
        if (accept("is")) {
            boolean negated = accept("not");
            Token test = expect(Type.NAME, "a test name (defined, undefined, none)");
            if (!List.of("defined", "undefined", "none").contains(test.text())) {
                throw new ExprError("unknown test '" + test.text() + "' in '" + ExprDepth.abbreviate(src)
                        + "' (known: defined, undefined, none)");
            }
            return new Expr.Test(left, test.text(), negated);
        }
        return left;
    }

    private Expr filtered() {
        Expr e = postfix();
        while (accept("|")) {
            String name = expect(Type.NAME, "a filter name").text();
            if (!Filters.KNOWN.contains(name)) {
                throw new ExprError("unknown filter '" + name + "' in '" + ExprDepth.abbreviate(src) + "' (known: "
                        + String.join(", ", Filters.KNOWN) + ")");
            }
            List<Expr> args = new ArrayList<>();
            if (accept("(")) {
                if (!accept(")")) {
                    do {
                        args.add(or());
                    } while (accept(","));
                    expectOp(")");
                }
            }
            e = new Expr.Filter(e, name, args);
        }
        return e;
    }

    private Expr postfix() {
        Expr e = primary();
        while (true) {
            if (accept(".")) {
                Token t = peek();
                if (t.type() != Type.NAME && t.type() != Type.NUMBER) {
                    throw unexpected("a key name after '.'");
                }
                pos++;
                e = new Expr.Item(e, new Expr.Literal(t.type() == Type.NUMBER ? number(t.text()) : t.text()));
            } else if (accept("[")) {
                e = new Expr.Item(e, or());
                expectOp("]");
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        Token t = peek();
        pos++;
        switch (t.type()) {
            case STRING:
                return new Expr.Literal(t.text());
            case NUMBER:
                return new Expr.Literal(number(t.text()));
            case NAME:
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Literal(Boolean.TRUE);
                    case "false", "False" -> new Expr.Literal(Boolean.FALSE);
                    case "none", "None" -> new Expr.Literal(null);
                    case "and", "or", "not", "in", "is" -> {
                        pos--;
                        throw unexpected("a value");
                    }
                    default -> new Expr.Var(t.text());
                };
            default:
                if (t.is("(")) {
                    Expr inner = or();
                    expectOp(")");
                    return inner;
                }
                if (t.is("[")) {
                    List<Expr> items = new ArrayList<>();
                    if (!accept("]")) {
                        do {
                            items.add(or());
                        } while (accept(","));
                        expectOp("]");
                    }
                    return new Expr.ListOf(items);
                }
                pos--;
                throw unexpected("a value");
        }
    }

    private Object number(String text) {
        try {
            if (text.contains(".")) {
                return Double.valueOf(text);
            }
            long l = Long.parseLong(text);
            return l == (int) l ? (Object) (int) l : (Object) l;
        } catch (NumberFormatException e) {
            throw new ExprError("bad number '" + text + "' in '" + ExprDepth.abbreviate(src) + "'");
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean accept(String text) {
        if (peek().is(text)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expect(Type type, String what) {
        Token t = peek();
        if (t.type() != type) {
            throw unexpected(what);
        }
        pos++;
        return t;
    }

    private void expectOp(String op) {
        if (!accept(op)) {
            throw unexpected("'" + op + "'");
        }
    }

    private ExprError unexpected(String expected) {
        Token t = peek();
        String seen = t.type() == Type.END ? "the end" : "'" + t.text() + "'";
        return new ExprError("expected " + expected + " at position " + (t.pos() + 1) + " in '" + ExprDepth.abbreviate(src)
                + "', got " + seen);
    }
}
