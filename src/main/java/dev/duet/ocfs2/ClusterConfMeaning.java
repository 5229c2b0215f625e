package dev.duet.ocfs2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What o2cb reads from a cluster.conf, whatever its layout: the cluster name, its node count, and each
 * node's number, address, port and cluster, by node name. Two files with the same meaning run the same
 * cluster, so a difference only in order, blanks, comments or spaces around '=' never needs a restart.
 * Text that does not parse as stanzas has no meaning ({@link #parse} returns a meaning with a problem).
 */
record ClusterConfMeaning(String cluster, String nodeCount, Map<String, Map<String, String>> nodes, String problem) {
    private static final List<String> NODE_KEYS = List.of("number", "ip_address", "ip_port", "cluster");

    static ClusterConfMeaning parse(String text) {
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        Map<String, String> clusterAttrs = new LinkedHashMap<>();
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = null;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("node:") || line.equals("cluster:")) {
                current = line.equals("node:") ? new LinkedHashMap<>() : clusterAttrs;
                if (line.equals("node:")) {
                    stanzas.add(current);
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0 || !Character.isWhitespace(raw.charAt(0))) {
                return broken("line " + lineNo + " is neither a stanza header nor an indented key = value");
            }
            if (raw.charAt(0) != '\t') {
                return broken("line " + lineNo + " is indented with spaces, which o2cb rejects: use a tab");
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        for (Map<String, String> s : stanzas) {
            String name = s.get("name");
            if (name == null || nodes.containsKey(name)) {
                return broken(name == null ? "a node stanza has no name" : "node " + name + " appears twice");
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            NODE_KEYS.forEach(k -> attrs.put(k, s.get(k)));
            nodes.put(name, attrs);
        }
        if (clusterAttrs.get("name") == null) {
            return broken("there is no cluster stanza with a name");
        }
        return new ClusterConfMeaning(clusterAttrs.get("name"), clusterAttrs.get("node_count"), nodes, null);
    }

    private static ClusterConfMeaning broken(String problem) {
        return new ClusterConfMeaning(null, null, Map.of(), problem);
    }

    boolean readable() {
        return problem == null;
    }

    /** The differences from {@code wanted}, as "what: now -> wanted" phrases; empty when the meaning is equal. */
    List<String> differencesTo(ClusterConfMeaning wanted) {
        List<String> out = new ArrayList<>();
        if (!readable()) {
            out.add("the present cluster.conf cannot be read (" + problem + ")");
            return out;
        }
        differ(out, "cluster name", cluster, wanted.cluster);
        differ(out, "node_count", nodeCount, wanted.nodeCount);
        for (String name : wanted.nodes.keySet()) {
            Map<String, String> have = nodes.get(name);
            if (have == null) {
                out.add("node " + name + " is missing");
                continue;
            }
            for (String key : NODE_KEYS) {
                differ(out, "node " + name + ": " + key, have.get(key), wanted.nodes.get(name).get(key));
            }
        }
        nodes.keySet().stream().filter(n -> !wanted.nodes.containsKey(n))
                .forEach(n -> out.add("node " + n + " would be removed"));
        return out;
    }

    private static void differ(List<String> out, String what, String have, String want) {
        if (!Objects.equals(have, want)) {
            out.add(what + " " + (have == null ? "(none)" : have) + " -> " + want);
        }
    }
}
