package dev.duet.playbook;

import dev.duet.yaml.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of playbook YAML nodes whose errors point at the node. */
final class Nodes {
    private Nodes() {
    }

    static String string(LocatedNode node, String what) {
        if (!node.isScalar() || node.isNull()) {
            throw node.error("expected " + what + " to be a string, got " + node.describe());
        }
        return node.text();
    }

    static boolean bool(LocatedNode node, String what) {
        if (node.isScalar() && node.value() instanceof Boolean b) {
            return b;
        }
        throw node.error("expected " + what + " to be true/false or yes/no, got " + node.describe());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(LocatedNode node, String what) {
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isMapping()) {
            throw node.error("expected " + what + " to be a mapping, got " + node.describe());
        }
        return (Map<String, Object>) node.toPlain();
    }

    /** A string or a list of strings, as Ansible accepts for tags. */
    static List<String> strings(LocatedNode node, String what) {
        List<String> out = new ArrayList<>();
        if (node.isSequence()) {
            node.items().forEach(i -> out.add(string(i, what)));
        } else if (!node.isNull()) {
            for (String s : string(node, what).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
