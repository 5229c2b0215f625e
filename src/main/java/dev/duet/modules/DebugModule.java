package dev.duet.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code debug}: prints {@code msg} (templated like any argument) or the value of the variable
 * named by {@code var}. It reads nothing from the host and is always ok.
 */
public final class DebugModule implements Module {
    @Override
    public String name() {
        return "debug";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("msg", "var");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        if (args.has("msg") && args.has("var")) {
            throw args.error("var", "and 'msg' are mutually exclusive");
        }
        String var = args.optString("var").map(String::strip).orElse(null);
        Object msg = args.raw().getOrDefault("msg", "Hello world!");
        return new Step() {
            @Override
            public Check check(StepContext ctx) {
                if (var != null) {
                    Object value = ctx.vars().containsKey(var) ? ctx.vars().get(var) : "VARIABLE IS NOT DEFINED!";
                    Map<String, Object> shown = new LinkedHashMap<>();
                    shown.put(var, value);
                    return Check.ok(json(shown)).withResult(Map.of(var, value == null ? "" : value));
                }
                return Check.ok(show(msg)).withResult(Map.of("msg", msg == null ? "" : msg));
            }

            @Override
            public Done act(StepContext ctx, Check check) {
                return Done.unchanged(check.message());
            }
        };
    }

    /** A string as it is; any other value as JSON, as Ansible shows it. */
    private static String show(Object v) {
        return v instanceof String s ? s : json(v);
    }

    private static String json(Object v) {
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }

    /** Made on first use: a run without debug output does not pay for the mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
