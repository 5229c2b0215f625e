package dev.duet.playbook;

import dev.duet.playbook.expr.Expr;
import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.ExprParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jinja2 template as Ansible's {@code template} module renders it: text, {@code {{ expr }}},
 * {@code {% if %}/{% elif %}/{% else %}/{% endif %}}, {@code {% for x in xs %}} (also {@code for k, v in
 * d.items()}, {@code {% else %}}, {@code loop.index}/{@code index0}/{@code first}/{@code last}/{@code length}),
 * {@code {% set x = expr %}}, {@code {# comments #}}, whitespace control ({@code {%-}, {@code -%}}) and
 * Ansible's {@code trim_blocks} (the newline after a block tag is dropped). Parsed whole, so a syntax
 * error, an unknown filter or test, or an unclosed block is reported with its line before anything runs.
 */
public final class JinjaTemplate {
    sealed interface Node permits Text, Output, If, For, SetVar {
    }

    record Text(String text) implements Node {
    }

    record Output(Expr expr, int line) implements Node {
    }

    record Branch(Expr condition, List<Node> body) {
    }

    record If(List<Branch> branches, List<Node> otherwise, int line) implements Node {
    }

    record For(List<String> names, Expr items, boolean pairs, List<Node> body, List<Node> otherwise, int line)
            implements Node {
    }

    record SetVar(String name, Expr value, int line) implements Node {
    }

    private static final Pattern FOR = Pattern.compile("for\\s+([A-Za-z_]\\w*)(?:\\s*,\\s*([A-Za-z_]\\w*))?\\s+in\\s+(.+)", Pattern.DOTALL);
    private static final Pattern SET = Pattern.compile("set\\s+([A-Za-z_]\\w*)\\s*=\\s*(.+)", Pattern.DOTALL);
    private static final int MAX_NESTING = 50;

    final List<Node> nodes;

    private JinjaTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses {@code text}; errors are {@link ExprError}s that start with "line N: ". */
    public static JinjaTemplate parse(String text) {
        Parser p = new Parser(JinjaLexer.tokens(text));
        List<Node> nodes = p.body(List.of(), 0);
        if (p.pos < p.tokens.size()) {
            JinjaLexer.Token t = p.tokens.get(p.pos);
            throw new ExprError("line " + t.line() + ": unexpected {% " + t.text() + " %} with no block to close");
        }
        return new JinjaTemplate(nodes);
    }

    /** Renders with {@code vars}; an undefined variable or a bad value is an {@link ExprError} naming the line. */
    public String render(java.util.Map<String, Object> vars) {
        StringBuilder out = new StringBuilder();
        new JinjaRenderer(out).render(nodes, vars);
        return out.toString();
    }

    /** Variables the template reads from outside (not its own loop or set names). */
    public java.util.Set<String> freeNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        JinjaRenderer.freeNames(nodes, java.util.Set.of(), names);
        return names;
    }

    private static final class Parser {
        final List<JinjaLexer.Token> tokens;
        int pos;

        Parser(List<JinjaLexer.Token> tokens) {
            this.tokens = tokens;
        }

        /** Nodes until one of {@code stops} (a block tag word), which is left for the caller. */
        List<Node> body(List<String> stops, int depth) {
            if (depth > MAX_NESTING) {
                throw new ExprError("line " + tokens.get(Math.max(0, pos - 1)).line() + ": blocks nested more than "
                        + MAX_NESTING + " deep");
            }
            List<Node> out = new ArrayList<>();
            while (pos < tokens.size()) {
                JinjaLexer.Token t = tokens.get(pos);
                switch (t.kind()) {
                    case TEXT -> {
                        out.add(new Text(t.text()));
                        pos++;
                    }
                    case EXPR -> {
                        out.add(new Output(expr(t.text(), t.line()), t.line()));
                        pos++;
                    }
                    case TAG -> {
                        String word = t.text().split("\\s+", 2)[0];
                        if (stops.contains(word)) {
                            return out;
                        }
                        pos++;
                        out.add(tag(t, word, depth));
                    }
                }
            }
            if (!stops.isEmpty()) {
                throw new ExprError("line " + (tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line())
                        + ": expected {% " + stops.get(stops.size() - 1) + " %} before the end of the template");
            }
            return out;
        }

        private Node tag(JinjaLexer.Token t, String word, int depth) {
            String rest = t.text().substring(word.length()).strip();
            switch (word) {
                case "if" -> {
                    List<Branch> branches = new ArrayList<>();
                    Expr cond = expr(rest, t.line());
                    List<Node> otherwise = List.of();
                    while (true) {
                        List<Node> body = body(List.of("elif", "else", "endif"), depth + 1);
                        branches.add(new Branch(cond, body));
                        JinjaLexer.Token end = tokens.get(pos++);
                        String w = end.text().split("\\s+", 2)[0];
                        if (w.equals("elif")) {
                            cond = expr(end.text().substring(4).strip(), end.line());
                        } else if (w.equals("else")) {
                            otherwise = body(List.of("endif"), depth + 1);
                            pos++;
                            break;
                        } else {
                            break;
                        }
                    }
                    return new If(branches, otherwise, t.line());
                }
                case "for" -> {
                    Matcher m = FOR.matcher(t.text());
                    if (!m.matches()) {
                        throw new ExprError("line " + t.line() + ": expected {% for NAME in EXPR %}, got {% " + t.text() + " %}");
                    }
                    String src = m.group(3).strip();
                    boolean pairs = src.endsWith(".items()");
                    if (pairs) {
                        src = src.substring(0, src.length() - ".items()".length());
                    }
                    List<String> names = m.group(2) == null ? List.of(m.group(1)) : List.of(m.group(1), m.group(2));
                    Expr items = expr(src, t.line());
                    List<Node> body = body(List.of("else", "endfor"), depth + 1);
                    List<Node> otherwise = List.of();
                    if (tokens.get(pos++).text().startsWith("else")) {
                        otherwise = body(List.of("endfor"), depth + 1);
                        pos++;
                    }
                    return new For(names, items, pairs || names.size() == 2, body, otherwise, t.line());
                }
                case "set" -> {
                    Matcher m = SET.matcher(t.text());
                    if (!m.matches()) {
                        throw new ExprError("line " + t.line() + ": expected {% set NAME = EXPR %}, got {% " + t.text() + " %}");
                    }
                    return new SetVar(m.group(1), expr(m.group(2).strip(), t.line()), t.line());
                }
                default -> throw new ExprError("line " + t.line() + ": unsupported tag {% " + word
                        + " %} (supported: if, elif, else, endif, for, endfor, set)");
            }
        }

        private static Expr expr(String text, int line) {
            try {
                return ExprParser.parse(text);
            } catch (ExprError e) {
                throw new ExprError("line " + line + ": " + e.getMessage());
            }
        }
    }
}
