package dev.duet.modules;

import dev.duet.step.Args;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code environment} of a command or shell task: variable names, and values without newlines. */
final class Environment {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Environment() {
    }

    static Map<String, String> of(Args args) {
        Map<String, String> env = new LinkedHashMap<>();
        args.map("environment").forEach((k, v) -> {
            if (!NAME.matcher(k).matches()) {
                throw args.error("environment", "names must be variable names (letters, digits, _), got '" + k + "'");
            }
            String value = v == null ? "" : String.valueOf(v);
            if (value.contains("\n")) {
                throw args.error("environment", "value of " + k + " must be one line");
            }
            env.put(k, value);
        });
        return env;
    }
}
