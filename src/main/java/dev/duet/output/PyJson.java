package dev.duet.output;

import dev.duet.yaml.YamlTimestamp;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json.dumps(x, sort_keys=True, indent=4, ensure_ascii=False)} writes it, the way
 * {@code ansible-inventory --list} prints, so the two outputs can be compared with diff.
 */
public final class PyJson {
    private PyJson() {
    }

    public static String dump(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, out);
        return out.toString();
    }

    private static void write(Object v, int depth, StringBuilder out) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<Object, Object>> sorted = PyKeys.sorted(m);
            out.append("{\n");
            int i = 0;
            for (Map.Entry<Object, Object> e : sorted) {
                indent(depth + 1, out);
                string(PyKeys.json(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), depth + 1, out);
                out.append(++i < sorted.size() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                indent(depth + 1, out);
                write(l.get(i), depth + 1, out);
                out.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append(']');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(PyScalars.floatRepr(((Number) v).doubleValue(), "Infinity", "NaN"));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof YamlTimestamp t) {
            string(t.isoformat('T'), out); // AnsibleJSONEncoder: a date or datetime as its isoformat()
        } else {
            string(String.valueOf(v), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("    ".repeat(depth));
    }
}
