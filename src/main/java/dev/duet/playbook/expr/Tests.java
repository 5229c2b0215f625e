package dev.duet.playbook.expr;

import dev.duet.playbook.expr.Evaluator.Undefined;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jinja/Ansible tests ({@code x is TEST}): defined, undefined, none, the task-result tests changed,
 * failed, succeeded/success, skipped (on a registered result), and truthy, string, number, mapping,
 * iterable, equalto/eq/==, ne, match, search, in (also used by select/selectattr).
 */
final class Tests {
    static final List<String> KNOWN = List.of("defined", "undefined", "none", "changed", "failed", "succeeded",
            "success", "skipped", "truthy", "falsy", "string", "number", "mapping", "iterable", "sequence",
            "equalto", "eq", "ne", "match", "search", "in");
    static final Set<String> TAKES_ARGUMENT = Set.of("equalto", "eq", "ne", "match", "search", "in");

    private Tests() {
    }

    static boolean apply(String test, Object target, List<Object> args) {
        switch (test) {
            case "defined":
                return !(target instanceof Undefined);
            case "undefined":
                return target instanceof Undefined;
            default:
                break;
        }
        Object v = Evaluator.defined(target);
        return switch (test) {
            case "none" -> v == null;
            case "changed" -> result(v, test, "changed");
            case "failed" -> result(v, test, "failed");
            case "succeeded", "success" -> !result(v, test, "failed");
            case "skipped" -> result(v, test, "skipped");
            case "truthy" -> Values.truthy(v);
            case "falsy" -> !Values.truthy(v);
            case "string" -> v instanceof String;
            case "number" -> v instanceof Number;
            case "mapping" -> v instanceof Map<?, ?>;
            case "iterable", "sequence" -> v instanceof List<?> || v instanceof Map<?, ?> || v instanceof String;
            case "equalto", "eq" -> Values.equal(v, one(test, args));
            case "ne" -> !Values.equal(v, one(test, args));
            case "match" -> Pattern.compile(Values.text(one(test, args))).matcher(Values.text(v)).lookingAt();
            case "search" -> Pattern.compile(Values.text(one(test, args))).matcher(Values.text(v)).find();
            case "in" -> Values.compare("in", v, one(test, args));
            default -> throw new ExprError("unknown test '" + test + "'");
        };
    }

    private static boolean result(Object v, String test, String key) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new ExprError("'is " + test + "' expects a registered task result, got " + Values.typeName(v));
        }
        return Values.truthy(m.get(key));
    }

    private static Object one(String test, List<Object> args) {
        if (args.size() != 1) {
            throw new ExprError("test '" + test + "' expects one argument, got " + args.size());
        }
        return args.get(0);
    }
}
