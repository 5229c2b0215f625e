package dev.duet.output;

import dev.duet.yaml.PyYamlResolver;
import dev.duet.yaml.YamlTimestamp;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML as PyYAML's {@code yaml.dump(x, default_flow_style=False, allow_unicode=True)} writes it (keys
 * sorted, two-space indent, list items at their key's indent), the way {@code ansible-inventory --list
 * --yaml} prints. Strings are plain unless PyYAML would read them as something else ({@link PyYamlResolver})
 * or they hold indicators, then single-quoted (line breaks kept as PyYAML writes them; double-quoted with
 * escapes for a tab, a carriage return or a space beside a line break). Long plain and single-quoted
 * strings are folded at 80 columns as PyYAML folds them; double-quoted ones are not.
 */
public final class PyYaml {
    private static final int BEST_WIDTH = 80;
    private static final Pattern PLAIN_SAFE = Pattern.compile("[^-?:,\\[\\]{}#&*!|>'\"%@`\\s][^\\n\\r\\t]*");

    private PyYaml() {
    }

    public static String dump(Object value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> m && !m.isEmpty() || value instanceof List<?> l && !l.isEmpty()) {
            block(value, 0, out, new Anchors(value));
        } else {
            out.append(scalar(value)).append('\n');
        }
        return out.toString();
    }

    /**
     * PyYAML's serializer: a dict or list met a second time in the document (the same object, as Ansible
     * shares a group's or a host range's list between its hosts) gets an anchor, numbered id001, id002, ...
     * in the order of those second meetings (keys sorted), is written in full the first time after
     * {@code &idNNN} and as {@code *idNNN} after that; so is a date ({@code since: &id002 2020-02-29}, a group's
     * date for each of its hosts). Java's shared empty Map.of()/List.of() are left out.
     */
    private static final class Anchors {
        private final Map<Object, String> names = new IdentityHashMap<>();
        private final Set<Object> written = Collections.newSetFromMap(new IdentityHashMap<>());

        Anchors(Object root) {
            scan(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        private void scan(Object v, Set<Object> seen) {
            if (!(v instanceof Map<?, ?> || v instanceof List<?> || v instanceof YamlTimestamp)
                    || v == Map.of() || v == List.of()) {
                return;
            }
            if (!seen.add(v)) {
                names.computeIfAbsent(v, k -> String.format("id%03d", names.size() + 1));
            } else if (v instanceof YamlTimestamp) {
                return; // a date is an object to PyYAML's ignore_aliases, not text: shared, it is anchored too
            } else if (v instanceof Map<?, ?> m) {
                PyKeys.sorted(m).forEach(e -> scan(e.getValue(), seen));
            } else {
                ((List<?>) v).forEach(x -> scan(x, seen));
            }
        }

        /** Writes " &idNNN" or " *idNNN\n" for an anchored value; true when it was an alias (done). */
        boolean alias(Object v, StringBuilder out) {
            String name = names.get(v);
            if (name == null) {
                return false;
            }
            if (!written.add(v)) {
                out.append(" *").append(name).append('\n');
                return true;
            }
            out.append(" &").append(name);
            return false;
        }

        boolean anchored(Object v) {
            return names.containsKey(v);
        }
    }

    private static void block(Object v, int indent, StringBuilder out, Anchors anchors) {
        String pad = " ".repeat(indent);
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<Object, Object> e : PyKeys.sorted(m)) {
                out.append(pad).append(key(e.getKey())).append(':');
                if (!anchors.alias(e.getValue(), out)) {
                    value(e.getValue(), indent, true, out, anchors);
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                out.append(pad).append('-');
                boolean anchored = anchors.anchored(item);
                if (anchors.alias(item, out)) {
                    continue;
                }
                if ((item instanceof Map<?, ?> im && !im.isEmpty() || item instanceof List<?> il && !il.isEmpty())
                        && !anchored) {
                    // the first key (or item: "- - 1") goes on the dash's line, the rest under it
                    StringBuilder inner = new StringBuilder();
                    block(item, indent + 2, inner, anchors);
                    out.append(' ').append(inner.substring(indent + 2));
                } else {
                    value(item, indent, false, out, anchors);
                }
            }
        }
    }

    /** After "key:" or "-": a nested block on the next lines, or " scalar". */
    private static void value(Object v, int indent, boolean underKey, StringBuilder out, Anchors anchors) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            block(v, indent + 2, out, anchors);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            out.append('\n');
            block(v, underKey ? indent : indent + 2, out, anchors);
        } else {
            int column = out.length() - (out.lastIndexOf("\n") + 1) + 1;
            out.append(' ').append(fold(scalar(v), column, indent + 2)).append('\n');
        }
    }

    /**
     * PyYAML's emitter (best_width 80) in write_plain and write_single_quoted: a lone space met once the
     * line is past column 80 becomes a line break and the continuation indent; runs of spaces, and the
     * first and last space inside quotes, stay. {@code column}: where the scalar starts on its line.
     * Double-quoted scalars are not folded (PyYAML breaks them with a backslash).
     */
    static String fold(String rendered, int column, int continuation) {
        if (rendered.startsWith("\"")) {
            return rendered;
        }
        boolean quoted = rendered.startsWith("'");
        StringBuilder out = new StringBuilder(rendered.length() + 16);
        int col = column;
        int i = 0;
        while (i < rendered.length()) {
            int end = i;
            if (quoted && rendered.charAt(i) == '\n') {
                // write_single_quoted: a run of n line breaks is n + 1 of them, then the continuation indent
                while (end < rendered.length() && rendered.charAt(end) == '\n') {
                    end++;
                }
                out.append("\n".repeat(end - i + 1)).append(" ".repeat(continuation));
                col = continuation;
                i = end;
                continue;
            }
            while (end < rendered.length() && rendered.charAt(end) == ' ') {
                end++;
            }
            if (end > i) {
                boolean inside = !quoted || i > 1 && end < rendered.length() - 1;
                if (end - i == 1 && col > BEST_WIDTH && inside) {
                    out.append('\n').append(" ".repeat(continuation));
                    col = continuation;
                } else {
                    out.append(rendered, i, end);
                    col += end - i;
                }
                i = end;
                continue;
            }
            while (end < rendered.length() && rendered.charAt(end) != ' ' && rendered.charAt(end) != '\n') {
                end++;
            }
            out.append(rendered, i, end);
            col += rendered.codePointCount(i, end);
            i = end;
        }
        return out.toString();
    }

    private static String doubleQuoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }

    /** A mapping key (text, or a number or boolean written as one): in a simple key text with line breaks is double-quoted. */
    private static String key(Object k) {
        return k instanceof String s && s.contains("\n") ? doubleQuoted(s) : scalar(k);
    }

    static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Double || v instanceof Float) {
            String r = PyScalars.floatRepr(((Number) v).doubleValue(), ".inf", ".nan");
            // PyYAML writes an exponent with a dot in the mantissa: 1.0e+16
            return r.matches("-?[0-9]+e.*") ? r.replaceFirst("e", ".0e") : r;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof YamlTimestamp t) {
            return t.isoformat(' '); // represent_date / represent_datetime, plain as the resolver reads it back
        }
        String s = String.valueOf(v);
        if (s.contains("\r") || s.contains("\t") || s.contains(" \n") || s.contains("\n ")) {
            return doubleQuoted(s);
        }
        if (s.contains("\n")) {
            // PyYAML single-quotes text with line breaks (no tab, no space beside a break); fold() writes them
            return "'" + s.replace("'", "''") + "'";
        }
        boolean plain = PyYamlResolver.readsAsText(s) && PLAIN_SAFE.matcher(s).matches()
                && !s.endsWith(" ") && !s.endsWith(":") && !s.contains(": ") && !s.contains(" #")
                || s.matches("[-?:][^\\s].*") && PyYamlResolver.readsAsText(s) && !s.contains(": ")
                && !s.contains(" #") && !s.endsWith(" ") && !s.endsWith(":");
        return plain ? s : "'" + s.replace("'", "''") + "'";
    }
}
