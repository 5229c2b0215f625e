package dev.duet.step;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A task's arguments, with typed accessors whose errors name the playbook file, line and column. */
public final class Args {
    /** Where a task stands in its playbook. */
    public record Location(Path file, int line, int column) {
        public String describe() {
            return file + ":" + line + ":" + column;
        }
    }

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_.+@:/-]*");

    private final String module;
    private final Map<String, Object> values;
    private final Location where;

    public Args(String module, Map<String, Object> values, Location where) {
        this.module = module;
        this.values = values;
        this.where = where;
    }

    /**
     * The arguments whose values hold no template anywhere (recursively), for load-time validation:
     * templated values are checked once rendered, when the task is bound.
     */
    public static Args literals(String module, Map<String, Object> raw, Location where) {
        Map<String, Object> literal = new java.util.LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!templated(v)) {
                literal.put(k, v);
            }
        });
        return new Args(module, literal, where);
    }

    private static boolean templated(Object v) {
        if (v instanceof String s) {
            return s.contains("{{") || s.contains("{%");
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Args::templated);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(Args::templated);
        }
        return false;
    }

    public Location where() {
        return where;
    }

    public Map<String, Object> raw() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public String string(String key) {
        return optString(key).orElseThrow(() -> error(key, "is required"));
    }

    public Optional<String> optString(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /**
     * A value that must be text as written, such as a file's content: a list or mapping is refused instead
     * of being turned into its printed form ({@code [a, b]}), and so is a bare number or boolean.
     */
    public String text(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw error(key, "is required");
        }
        if (!(v instanceof String s)) {
            throw error(key, "must be text, got " + kind(v) + " '" + v + "' (quote it in YAML to mean the text)");
        }
        return s;
    }

    private static String kind(Object v) {
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return v instanceof Boolean ? "a boolean" : "a number";
    }

    /**
     * Load-time check of boolean arguments written literally (or already rendered): the same rule as
     * {@link #bool}, so {@code wipe: maybe} is refused before any host is contacted, not at bind time.
     */
    public static void checkBooleans(String module, Map<String, Object> raw, Location where, String... keys) {
        Args literal = literals(module, raw, where);
        for (String key : keys) {
            literal.bool(key, false);
        }
    }

    public String string(String key, String fallback) {
        return optString(key).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return switch (s) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw error(key, "must be yes/no or true/false, got '" + v + "'");
        };
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + v + "'");
        }
    }

    public String oneOf(String key, String fallback, String... allowed) {
        String v = string(key, fallback);
        if (!List.of(allowed).contains(v)) {
            throw error(key, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** A name that goes into commands and file names: letters, digits, '_', '.', '-'. */
    public String name(String key) {
        return checked(key, string(key), SAFE_NAME, "a plain name (letters, digits, _ . -)");
    }

    /** An absolute path without shell metacharacters or spaces. */
    public String path(String key) {
        return checked(key, string(key), SAFE_PATH, "an absolute path without spaces or shell metacharacters");
    }

    public Optional<String> optPath(String key) {
        return optString(key).map(p -> checked(key, p, SAFE_PATH, "an absolute path without spaces or shell metacharacters"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error(key, "must be a mapping");
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (v instanceof String s) {
            return List.of((Object[]) s.split("[,\\s]+"));
        }
        throw error(key, "must be a list");
    }

    private String checked(String key, String value, Pattern p, String expected) {
        if (!p.matcher(value).matches()) {
            throw error(key, "must be " + expected + ", got '" + value + "'");
        }
        return value;
    }

    public InputException error(String key, String what) {
        String msg = module + ": argument '" + key + "' " + what;
        return where == null ? new InputException(msg)
                : new InputException(where.file(), where.line(), where.column(), msg);
    }
}
