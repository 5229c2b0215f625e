package dev.duet.cluster.cib;

import dev.duet.error.InputException;
import dev.duet.step.ArgPaths;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed reading of the {@code cib} module's nested arguments. Every error names the file and line of
 * the offending entry (when the loader gave positions) and its path ({@code primitives[1].agent}).
 * Templated strings ({@code "{{ x }}"}) are accepted where a value may come from a variable; they are
 * checked again once rendered, when the task is bound.
 */
final class CibYaml {
    /** An XML ID as Pacemaker's schema wants it: a letter or '_' first, then letters, digits, '_', '.', '-'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");

    private final Args.Location where;
    private final ArgPaths paths;

    CibYaml(Args.Location where, ArgPaths paths) {
        this.where = where;
        this.paths = paths;
    }

    static boolean templated(Object v) {
        return v instanceof String s && (s.contains("{{") || s.contains("{%"));
    }

    InputException error(List<Object> path, String what) {
        String msg = "cib: " + describe(path) + ": " + what;
        Args.Location at = paths == null ? where : paths.at(path);
        return at == null ? new InputException(msg) : new InputException(at.file(), at.line(), at.column(), msg);
    }

    static String describe(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(p);
            }
        }
        return b.toString();
    }

    static List<Object> path(List<Object> parent, Object step) {
        List<Object> p = new ArrayList<>(parent);
        p.add(step);
        return p;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object v, List<Object> path) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error(path, "expected a mapping (key: value), got '" + v + "'");
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object v, List<Object> path) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw error(path, "expected a list, got '" + v + "'");
    }

    /** A mapping whose keys must be among {@code allowed} and include {@code required}. */
    Map<String, Object> entry(Object v, List<Object> path, Set<String> required, Set<String> allowed) {
        if (!(v instanceof Map<?, ?>)) {
            throw error(path, "expected a mapping with " + String.join(", ", new TreeSet<>(required)) + ", got '" + v + "'");
        }
        Map<String, Object> m = map(v, path);
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw error(path(path, k), "unknown key '" + k + "' (expected: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        for (String k : required) {
            if (m.get(k) == null || String.valueOf(m.get(k)).isBlank()) {
                throw error(path, "missing '" + k + "'");
            }
        }
        return m;
    }

    /** A scalar as Pacemaker writes it: YAML booleans become true/false, numbers their decimal text. */
    String scalar(Object v, List<Object> path) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw error(path, "expected a single value, got a " + (v instanceof Map<?, ?> ? "mapping" : "list"));
        }
        if (v == null) {
            throw error(path, "expected a value, got nothing");
        }
        return String.valueOf(v);
    }

    String id(Object v, List<Object> path) {
        String s = scalar(v, path);
        if (!templated(s) && !ID.matcher(s).matches()) {
            throw error(path, "must be a CIB id (a letter or '_' first, then letters, digits, '_', '.', '-'), got '" + s + "'");
        }
        return s;
    }

    /** An nvpair name (a parameter, meta attribute or cluster property). */
    String name(String s, List<Object> path) {
        if (!NAME.matcher(s).matches()) {
            throw error(path, "must be a plain attribute name (letters, digits, '_', '.', ':', '-'), got '" + s + "'");
        }
        return s;
    }

    String oneOf(Object v, List<Object> path, String... allowed) {
        String s = scalar(v, path);
        if (!templated(s) && !List.of(allowed).contains(s)) {
            throw error(path, "must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
        }
        return s;
    }

    /** name → value, in the order written; values are scalars. */
    Map<String, String> pairs(Object v, List<Object> path) {
        Map<String, String> out = new LinkedHashMap<>();
        map(v, path).forEach((k, val) -> out.put(name(k, path(path, k)), scalar(val, path(path, k))));
        return out;
    }
}
