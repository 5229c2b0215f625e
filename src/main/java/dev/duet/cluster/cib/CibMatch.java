package dev.duet.cluster.cib;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares one wanted element with its live counterpart, looking only at what the playbook describes:
 * attributes and children Pacemaker or a person added are not a difference. Children are paired by
 * meaning, not by generated id (an nvpair by name, an op by name, interval and role, a set by id or
 * else by its kind), and the result carries the live ids, so the patch it builds updates the live
 * elements in place when {@code cibadmin --modify} merges it (Pacemaker matches children by tag and id).
 *
 * @param aligned   the wanted element, with the ids of the live elements it matched
 * @param projected the live element cut down to what the wanted one describes (for the plan's diff)
 * @param patch     only what differs, with the ids on the way down; null when nothing differs
 */
record CibMatch(CibNode aligned, CibNode projected, CibNode patch) {
    static CibMatch of(CibNode wanted, CibNode live) {
        Map<String, String> aligned = new LinkedHashMap<>();
        Map<String, String> projected = new LinkedHashMap<>();
        Map<String, String> patch = new LinkedHashMap<>();
        boolean differs = false;
        for (var a : wanted.attrs().entrySet()) {
            String k = a.getKey();
            if (k.equals("id")) {
                String id = live.id() != null ? live.id() : a.getValue();
                aligned.put(k, id);
                projected.put(k, id);
                patch.put(k, id);
                continue;
            }
            aligned.put(k, a.getValue());
            if (live.attr(k) != null) {
                projected.put(k, live.attr(k));
            }
            if (!CibValues.same(wanted.tag(), k, a.getValue(), live.attr(k))) {
                patch.put(k, a.getValue());
                differs = true;
            }
        }
        List<CibNode> alignedKids = new ArrayList<>();
        List<CibNode> projectedKids = new ArrayList<>();
        List<CibNode> patchKids = new ArrayList<>();
        Set<CibNode> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CibNode wc : wanted.children()) {
            CibNode lc = partner(wc, live.children(), used);
            if (lc == null) {
                alignedKids.add(wc);
                patchKids.add(wc);
                continue;
            }
            used.add(lc);
            CibMatch m = of(wc, lc);
            alignedKids.add(m.aligned);
            projectedKids.add(m.projected);
            if (m.patch != null) {
                patchKids.add(m.patch);
            }
        }
        differs |= !patchKids.isEmpty();
        return new CibMatch(new CibNode(wanted.tag(), aligned, alignedKids),
                new CibNode(live.tag(), projected, projectedKids),
                differs ? new CibNode(wanted.tag(), patch, patchKids) : null);
    }

    /** The live child that plays the wanted child's part: same id first, else same meaning. */
    static CibNode partner(CibNode wc, List<CibNode> live, Set<CibNode> used) {
        for (CibNode lc : live) {
            if (!used.contains(lc) && lc.tag().equals(wc.tag()) && wc.id() != null && wc.id().equals(lc.id())
                    && sameMeaning(wc, lc)) {
                return lc;
            }
        }
        for (CibNode lc : live) {
            if (!used.contains(lc) && lc.tag().equals(wc.tag()) && sameMeaning(wc, lc) && bySlot(wc)) {
                return lc;
            }
        }
        return null;
    }

    /** Elements that can be paired without the same id: sets (one of a kind per owner) and their entries. */
    private static boolean bySlot(CibNode wc) {
        return SLOTS.contains(wc.tag());
    }

    private static final Set<String> SLOTS = new HashSet<>(List.of("nvpair", "op", "operations", "instance_attributes",
            "meta_attributes", "utilization", "cluster_property_set"));

    private static boolean sameMeaning(CibNode wc, CibNode lc) {
        return switch (wc.tag()) {
            case "nvpair" -> wc.attr("name").equals(lc.attr("name"));
            case "op" -> wc.attr("name").equals(lc.attr("name"))
                    && CibValues.same("op", "interval", wc.attr("interval"), lc.attr("interval") == null ? "0" : lc.attr("interval"))
                    && CibValues.role(String.valueOf(wc.attr("role"))).equals(CibValues.role(String.valueOf(lc.attr("role"))));
            default -> true;
        };
    }
}
