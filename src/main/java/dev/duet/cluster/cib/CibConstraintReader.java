package dev.duet.cluster.cib;

import static dev.duet.cluster.cib.CibYaml.path;
import static dev.duet.cluster.cib.CibYaml.templated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code orders}, {@code colocations} and {@code locations} into rsc_order, rsc_colocation and
 * rsc_location elements; every resource they name must be defined in the same task.
 */
final class CibConstraintReader {
    private static final Pattern SCORE = Pattern.compile("[+-]?([0-9]+|INFINITY|inf|infinity)");

    private final CibYaml y;
    private final CibResourceReader resources;

    CibConstraintReader(CibYaml y, CibResourceReader resources) {
        this.y = y;
        this.resources = resources;
    }

    List<CibObject> read(Map<String, Object> args) {
        List<CibObject> out = new ArrayList<>();
        each(args.get("orders"), "orders", Set.of("id", "first", "then"),
                Set.of("id", "first", "first_action", "then", "then_action", "kind", "score", "symmetrical"),
                (m, p, id) -> {
                    if (m.get("kind") != null && m.get("score") != null) {
                        throw y.error(path(p, "score"), "give kind or score, not both");
                    }
                    out.add(new CibObject("constraints", "order", CibNode.of("rsc_order", "id", id,
                            "first", ref(m, p, "first"), "first-action", action(m, p, "first_action"),
                            "then", ref(m, p, "then"), "then-action", action(m, p, "then_action"),
                            "kind", m.get("kind") == null ? null
                                    : y.oneOf(m.get("kind"), path(p, "kind"), "Mandatory", "Optional", "Serialize"),
                            "score", m.get("score") == null ? null : score(m.get("score"), path(p, "score")),
                            "symmetrical", m.get("symmetrical") == null ? null
                                    : y.oneOf(m.get("symmetrical"), path(p, "symmetrical"), "true", "false"))));
                });
        each(args.get("colocations"), "colocations", Set.of("id", "resource", "with"),
                Set.of("id", "resource", "role", "with", "with_role", "score"),
                (m, p, id) -> out.add(new CibObject("constraints", "colocation", CibNode.of("rsc_colocation", "id", id,
                        "rsc", ref(m, p, "resource"), "rsc-role", role(m, p, "role"),
                        "with-rsc", ref(m, p, "with"), "with-rsc-role", role(m, p, "with_role"),
                        "score", m.get("score") == null ? "INFINITY" : score(m.get("score"), path(p, "score"))))));
        each(args.get("locations"), "locations", Set.of("id", "resource", "node", "score"),
                Set.of("id", "resource", "node", "score", "role"),
                (m, p, id) -> out.add(new CibObject("constraints", "location", CibNode.of("rsc_location", "id", id,
                        "rsc", ref(m, p, "resource"), "role", role(m, p, "role"),
                        "node", y.id(m.get("node"), path(p, "node")), "score", score(m.get("score"), path(p, "score"))))));
        return out;
    }

    private interface Item {
        void read(Map<String, Object> m, List<Object> p, String id);
    }

    private void each(Object raw, String key, Set<String> required, Set<String> allowed, Item item) {
        List<Object> items = y.list(raw, List.of(key));
        for (int i = 0; i < items.size(); i++) {
            List<Object> p = path(List.of(key), i);
            Map<String, Object> m = y.entry(items.get(i), p, required, allowed);
            String id = y.id(m.get("id"), path(p, "id"));
            if (resources.ids.containsKey(id)) {
                throw y.error(path(p, "id"), "id '" + id + "' is already used at " + CibYaml.describe(resources.ids.get(id)));
            }
            resources.ids.put(id, path(p, "id"));
            item.read(m, p, id);
        }
    }

    private String ref(Map<String, Object> m, List<Object> p, String key) {
        String ref = y.id(m.get(key), path(p, key));
        if (!resources.defined(ref) && !resources.unknowable(ref)) {
            throw y.error(path(p, key), "'" + ref + "' is not a resource defined in this task (primitives, groups, clones)");
        }
        return ref;
    }

    private String action(Map<String, Object> m, List<Object> p, String key) {
        return m.get(key) == null ? null : y.oneOf(m.get(key), path(p, key), CibSpecReader.actions());
    }

    private String role(Map<String, Object> m, List<Object> p, String key) {
        return m.get(key) == null ? null : y.oneOf(m.get(key), path(p, key), CibSpecReader.roles());
    }

    private String score(Object v, List<Object> p) {
        String s = y.scalar(v, p);
        if (!templated(s) && !SCORE.matcher(s).matches()) {
            throw y.error(p, "must be a score: a whole number, INFINITY or -INFINITY, got '" + s + "'");
        }
        return s;
    }
}
