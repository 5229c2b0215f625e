package dev.duet.cluster.cib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CIB element as a small immutable tree: tag, attributes in the order written, child elements.
 * Both sides of a comparison use it: what the playbook wants (rendered from YAML) and the live CIB
 * (read from {@code cibadmin --query}); text content does not occur in the CIB's configuration.
 */
public record CibNode(String tag, Map<String, String> attrs, List<CibNode> children) {
    public CibNode {
        attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        children = List.copyOf(children);
    }

    public static CibNode of(String tag, String... keysAndValues) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                a.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return new CibNode(tag, a, List.of());
    }

    public String id() {
        return attrs.get("id");
    }

    public String attr(String name) {
        return attrs.get(name);
    }

    public CibNode with(CibNode child) {
        List<CibNode> c = new ArrayList<>(children);
        c.add(child);
        return new CibNode(tag, attrs, c);
    }

    public CibNode withChildren(List<CibNode> newChildren) {
        return new CibNode(tag, attrs, newChildren);
    }

    public CibNode withAttrs(Map<String, String> newAttrs) {
        return new CibNode(tag, newAttrs, children);
    }

    public Optional<CibNode> child(String childTag) {
        return children.stream().filter(c -> c.tag.equals(childTag)).findFirst();
    }

    /** Indented XML, attributes in order, escaped; one element per line so a unified diff reads well. */
    public String xml() {
        StringBuilder out = new StringBuilder();
        write(out, 0);
        return out.toString();
    }

    private void write(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append('<').append(tag);
        attrs.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
        if (children.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        children.forEach(c -> c.write(out, depth + 1));
        out.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
    }

    static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\t' -> b.append("&#9;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
