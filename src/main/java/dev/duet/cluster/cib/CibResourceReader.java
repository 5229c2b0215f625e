package dev.duet.cluster.cib;

import static dev.duet.cluster.cib.CibYaml.path;
import static dev.duet.cluster.cib.CibYaml.templated;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code primitives}, {@code groups} and {@code clones} into CIB elements: a primitive named by a
 * clone or group goes inside it; a group named by a clone goes inside the clone. Checks every id is
 * unique and every reference names something defined in the same task.
 */
final class CibResourceReader {
    private static final Set<String> CLASSES = Set.of("ocf", "stonith", "systemd", "lsb", "service");

    private final CibYaml y;
    private final boolean strict;
    private final boolean refs;
    /** Every id defined so far (resources and their derived elements) → the path that defined it. */
    final Map<String, List<Object>> ids = new LinkedHashMap<>();
    private final Map<String, CibNode> primitives = new LinkedHashMap<>();
    private final Map<String, CibNode> groups = new LinkedHashMap<>();
    private final Map<String, CibNode> clones = new LinkedHashMap<>();
    private final Set<String> contained = new HashSet<>();
    boolean anyTemplatedId;
    boolean stonithPrimitive;

    /** {@code refs} false: the arguments are a part of the task (one rendered argument), references unknowable. */
    CibResourceReader(CibYaml y, boolean strict, boolean refs) {
        this.y = y;
        this.strict = strict;
        this.refs = refs;
    }

    /** True when a reference that names nothing defined may still be right once templates are rendered. */
    boolean unknowable(String ref) {
        return !refs || (!strict && (templated(ref) || anyTemplatedId));
    }

    /** Top-level resources: free primitives, then groups not in a clone, then clones. */
    List<CibObject> read(Map<String, Object> raw) {
        readPrimitives(raw.get("primitives"), List.of("primitives"));
        readGroups(raw.get("groups"), List.of("groups"));
        readClones(raw.get("clones"), List.of("clones"));
        List<CibObject> out = new ArrayList<>();
        primitives.forEach((id, p) -> add(out, id, "primitive", p));
        groups.forEach((id, g) -> add(out, id, "group", g));
        clones.forEach((id, c) -> add(out, id, "clone", c));
        return out;
    }

    private void add(List<CibObject> out, String id, String kind, CibNode node) {
        if (!contained.contains(id)) {
            out.add(new CibObject("resources", kind, node));
        }
    }

    boolean defined(String id) {
        return primitives.containsKey(id) || groups.containsKey(id) || clones.containsKey(id);
    }

    private String define(Object rawId, List<Object> path) {
        String id = y.id(rawId, path);
        if (templated(id)) {
            anyTemplatedId = true;
        }
        if (ids.containsKey(id)) {
            throw y.error(path, "id '" + id + "' is already used at " + CibYaml.describe(ids.get(id)));
        }
        ids.put(id, path);
        return id;
    }

    private void readPrimitives(Object v, List<Object> at) {
        List<Object> items = y.list(v, at);
        for (int i = 0; i < items.size(); i++) {
            List<Object> p = path(at, i);
            Map<String, Object> m = y.entry(items.get(i), p, Set.of("id", "agent"),
                    Set.of("id", "agent", "params", "meta", "ops"));
            String id = define(m.get("id"), path(p, "id"));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("id", id);
            attrs.putAll(agent(y.scalar(m.get("agent"), path(p, "agent")), path(p, "agent")));
            stonithPrimitive |= "stonith".equals(attrs.get("class"));
            List<CibNode> children = new ArrayList<>();
            set(children, "instance_attributes", id, m.get("params"), path(p, "params"));
            set(children, "meta_attributes", id, m.get("meta"), path(p, "meta"));
            List<CibNode> ops = ops(id, m.get("ops"), path(p, "ops"));
            if (!ops.isEmpty()) {
                children.add(new CibNode("operations", Map.of(), ops));
            }
            primitives.put(id, new CibNode("primitive", attrs, children));
        }
    }

    private Map<String, String> agent(String agent, List<Object> p) {
        String[] parts = agent.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !CLASSES.contains(parts[0])
                || (parts[0].equals("ocf") != (parts.length == 3))
                || List.of(parts).stream().anyMatch(s -> !s.matches("[A-Za-z0-9_./-]+"))) {
            throw y.error(p, "must be class:provider:type for OCF (ocf:linbit:drbd) or class:type"
                    + " (stonith:external/sbd, systemd:NAME), class one of " + String.join(", ", CLASSES.stream().sorted().toList())
                    + "; got '" + agent + "'");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("class", parts[0]);
        if (parts.length == 3) {
            a.put("provider", parts[1]);
        }
        a.put("type", parts[parts.length - 1]);
        return a;
    }

    /** An instance_attributes or meta_attributes set with Pacemaker's usual ids: OWNER-SET and OWNER-SET-NAME. */
    void set(List<CibNode> children, String tag, String owner, Object raw, List<Object> p) {
        Map<String, String> pairs = y.pairs(raw, p);
        if (pairs.isEmpty()) {
            return;
        }
        children.add(nvset(tag, owner + "-" + tag, pairs));
    }

    static CibNode nvset(String tag, String setId, Map<String, String> pairs) {
        List<CibNode> nv = new ArrayList<>();
        pairs.forEach((k, val) -> nv.add(CibNode.of("nvpair", "id", setId + "-" + k, "name", k, "value", val)));
        return new CibNode(tag, Map.of("id", setId), nv);
    }

    private List<CibNode> ops(String owner, Object raw, List<Object> at) {
        List<Object> items = y.list(raw, at);
        List<CibNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            List<Object> p = path(at, i);
            Map<String, Object> m = y.entry(items.get(i), p, Set.of("name"),
                    Set.of("name", "interval", "timeout", "role", "on_fail", "start_delay"));
            String name = y.oneOf(m.get("name"), path(p, "name"), "monitor", "start", "stop", "promote", "demote",
                    "notify", "reload", "migrate_to", "migrate_from");
            String interval = m.get("interval") == null ? "0s" : time(m.get("interval"), path(p, "interval"));
            String role = m.get("role") == null ? null : y.oneOf(m.get("role"), path(p, "role"),
                    "Promoted", "Unpromoted", "Started", "Stopped");
            if (!seen.add(name + "/" + CibValues.millis(interval) + "/" + role)) {
                throw y.error(p, "operation " + name + " with interval " + interval + " is listed twice");
            }
            out.add(CibNode.of("op", "id", owner + "-" + name + "-interval-" + interval, "name", name,
                    "interval", interval,
                    "timeout", m.get("timeout") == null ? null : time(m.get("timeout"), path(p, "timeout")),
                    "role", role,
                    "on-fail", m.get("on_fail") == null ? null : y.oneOf(m.get("on_fail"), path(p, "on_fail"),
                            "ignore", "block", "demote", "stop", "restart", "standby", "fence"),
                    "start-delay", m.get("start_delay") == null ? null : time(m.get("start_delay"), path(p, "start_delay"))));
        }
        return out;
    }

    private String time(Object v, List<Object> p) {
        String s = y.scalar(v, p);
        if (!templated(s) && CibValues.millis(s) == null) {
            throw y.error(p, "must be a time such as 20s, 2min or 500ms, got '" + s + "'");
        }
        return s;
    }

    private void readGroups(Object v, List<Object> at) {
        List<Object> items = y.list(v, at);
        for (int i = 0; i < items.size(); i++) {
            List<Object> p = path(at, i);
            Map<String, Object> m = y.entry(items.get(i), p, Set.of("id", "resources"), Set.of("id", "resources", "meta"));
            String id = define(m.get("id"), path(p, "id"));
            List<CibNode> children = new ArrayList<>();
            List<Object> members = y.list(m.get("resources"), path(p, "resources"));
            for (int j = 0; j < members.size(); j++) {
                String ref = y.id(members.get(j), path(path(p, "resources"), j));
                CibNode member = take(ref, primitives, path(path(p, "resources"), j), "a primitive");
                if (member != null) {
                    children.add(member);
                }
            }
            set(children, "meta_attributes", id, m.get("meta"), path(p, "meta"));
            groups.put(id, new CibNode("group", Map.of("id", id), children));
        }
    }

    private void readClones(Object v, List<Object> at) {
        List<Object> items = y.list(v, at);
        for (int i = 0; i < items.size(); i++) {
            List<Object> p = path(at, i);
            Map<String, Object> m = y.entry(items.get(i), p, Set.of("id", "resource"), Set.of("id", "resource", "meta"));
            String id = define(m.get("id"), path(p, "id"));
            String ref = y.id(m.get("resource"), path(p, "resource"));
            CibNode inner = groups.containsKey(ref) ? take(ref, groups, path(p, "resource"), "a group")
                    : take(ref, primitives, path(p, "resource"), "a primitive or group");
            List<CibNode> children = new ArrayList<>();
            if (inner != null) {
                children.add(inner);
            }
            set(children, "meta_attributes", id, m.get("meta"), path(p, "meta"));
            clones.put(id, new CibNode("clone", Map.of("id", id), children));
        }
    }

    /** The element {@code ref} names, marked as contained; null when it cannot be known yet (templates). */
    private CibNode take(String ref, Map<String, CibNode> from, List<Object> p, String what) {
        if (!from.containsKey(ref)) {
            if (unknowable(ref)) {
                return null;
            }
            throw y.error(p, "'" + ref + "' is not " + what + " defined in this task (defined: "
                    + String.join(", ", from.keySet()) + ")");
        }
        if (!contained.add(ref)) {
            throw y.error(p, "'" + ref + "' is already inside another clone or group");
        }
        return from.get(ref);
    }
}
