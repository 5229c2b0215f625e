package dev.duet.playbook;

import dev.duet.playbook.expr.Evaluator;
import dev.duet.playbook.expr.Expr;
import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.ExprParser;
import dev.duet.playbook.expr.FreeNames;
import dev.duet.playbook.expr.UndefinedError;
import dev.duet.step.Args;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code when:} conditions: names, literals, {@code == != < <= > >=}, {@code in}, {@code not in},
 * {@code is [not] defined}, {@code not}, {@code and}, {@code or}, parentheses and the known filters.
 * Using an undefined variable (other than testing it with {@code is defined}) is an error, as in Ansible.
 */
public final class When {
    private When() {
    }

    public static boolean evaluate(String expr, Map<String, Object> vars) {
        return evaluate(expr, vars, null);
    }

    public static boolean evaluate(String expr, Map<String, Object> vars, Args.Location where) {
        try {
            return new Evaluator(vars).truth(parse(expr));
        } catch (UndefinedError e) {
            throw Templater.undefinedAt(where, "when: " + e.getMessage());
        } catch (ExprError e) {
            throw Templater.located(where, "when: " + e.getMessage());
        }
    }

    /** Parses the condition so syntax errors surface at load time. */
    public static void check(String expr, Args.Location where) {
        undefinedVariables(expr, Set.of(), where);
    }

    /** Names the condition reads that are not in {@code knownNames} ({@code x is defined} reads nothing). */
    public static Set<String> undefinedVariables(String expr, Set<String> knownNames, Args.Location where) {
        Set<String> used = new LinkedHashSet<>();
        try {
            FreeNames.collect(parse(expr), used);
        } catch (ExprError e) {
            throw Templater.located(where, "when: " + e.getMessage());
        }
        used.removeAll(knownNames);
        return used;
    }

    /** Ansible tolerates {@code when: "{{ x }}"} with a warning; the braces add nothing, so drop them. */
    private static Expr parse(String expr) {
        String s = expr == null ? "" : expr.strip();
        if (s.startsWith("{{") && s.endsWith("}}") && s.indexOf("{{", 2) < 0) {
            s = s.substring(2, s.length() - 2);
        }
        if (s.contains("{{") || s.contains("{%")) {
            throw new ExprError("a condition is an expression without {{ }} or {% %}, got '" + expr + "'");
        }
        return ExprParser.parse(s);
    }
}
