package dev.duet.cluster.cib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the playbook's CIB objects look like against the live configuration ({@code cibadmin --query
 * --scope configuration}): per object missing, different or the same; live resources the playbook does
 * not describe; and id conflicts no merge can settle (a wanted id used by another kind of element or
 * nested somewhere else), which the step refuses rather than guess.
 */
public final class CibDiff {
    static final List<String> SECTIONS = List.of("crm_config", "rsc_defaults", "op_defaults", "resources", "constraints");

    /** One object's comparison; {@code match} is null when the object is missing from the live CIB. */
    public record Entry(CibObject object, CibMatch match) {
        public boolean missing() {
            return match == null;
        }

        public boolean differs() {
            return match == null || match.patch() != null;
        }

        /** What the patch carries for this object: the whole element when missing, else only the difference. */
        CibNode patch() {
            return match == null ? object.element() : match.patch();
        }
    }

    private final List<Entry> entries;
    private final List<String> extraResources;
    private final List<String> conflicts;

    private CibDiff(List<Entry> entries, List<String> extraResources, List<String> conflicts) {
        this.entries = List.copyOf(entries);
        this.extraResources = List.copyOf(extraResources);
        this.conflicts = List.copyOf(conflicts);
    }

    public static CibDiff of(CibSpec spec, CibNode liveConfiguration) {
        List<Entry> entries = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (CibObject o : spec.objects()) {
            Optional<CibNode> section = liveConfiguration.child(o.section());
            CibNode live = section.map(s -> counterpart(o, s)).orElse(null);
            if (live == null) {
                conflict(o, liveConfiguration).ifPresent(conflicts::add);
                entries.add(new Entry(o, null));
            } else {
                cloneHoldsOther(o, live).ifPresent(conflicts::add);
                entries.add(new Entry(o, CibMatch.of(o.element(), live)));
            }
        }
        List<String> extra = new ArrayList<>();
        liveConfiguration.child("resources").ifPresent(r -> r.children().forEach(c -> {
            if (!spec.resourceIds().contains(c.id())) {
                extra.add(c.tag() + " " + c.id());
            }
        }));
        return new CibDiff(entries, extra, conflicts);
    }

    private static CibNode counterpart(CibObject o, CibNode section) {
        CibNode wanted = o.element();
        for (CibNode c : section.children()) {
            if (c.tag().equals(wanted.tag()) && wanted.id().equals(c.id())) {
                return c;
            }
        }
        if (o.section().equals("resources") || o.section().equals("constraints")) {
            return null;
        }
        return section.children().stream().filter(c -> c.tag().equals(wanted.tag())).findFirst().orElse(null);
    }

    /** A clone holds one resource: another one live cannot be changed into the wanted one by a merge. */
    private static Optional<String> cloneHoldsOther(CibObject o, CibNode live) {
        if (!o.element().tag().equals("clone")) {
            return Optional.empty();
        }
        Optional<CibNode> wanted = inner(o.element());
        Optional<CibNode> held = inner(live);
        if (wanted.isPresent() && held.isPresent() && !(wanted.get().tag().equals(held.get().tag())
                && wanted.get().id().equals(held.get().id()))) {
            return Optional.of("the live clone " + o.id() + " holds " + held.get().tag() + " " + held.get().id()
                    + ", the playbook wants " + wanted.get().tag() + " " + wanted.get().id() + " in it");
        }
        return Optional.empty();
    }

    private static Optional<CibNode> inner(CibNode clone) {
        return clone.children().stream().filter(c -> c.tag().equals("primitive") || c.tag().equals("group")).findFirst();
    }

    /** An id the wanted object needs that the live CIB already uses for something else. */
    private static Optional<String> conflict(CibObject o, CibNode root) {
        List<String> where = new ArrayList<>();
        find(root, o.id(), "", where);
        return where.isEmpty() ? Optional.empty() : Optional.of("the playbook's " + o.describe()
                + " needs id '" + o.id() + "', which the live CIB already uses for " + where.get(0));
    }

    private static void find(CibNode n, String id, String path, List<String> out) {
        for (CibNode c : n.children()) {
            String here = path + "/" + c.tag() + (c.id() == null ? "" : "[@id='" + c.id() + "']");
            if (id.equals(c.id())) {
                out.add(here);
            }
            find(c, id, here, out);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Entry> changes() {
        return entries.stream().filter(Entry::differs).toList();
    }

    public boolean inSync() {
        return changes().isEmpty();
    }

    public List<String> extraResources() {
        return extraResources;
    }

    public List<String> conflicts() {
        return conflicts;
    }

    /** One {@code <configuration>} holding only the differences, for one {@code cibadmin --modify}. */
    public CibNode patch() {
        return configuration(changes().stream().map(e -> new Placed(e.object().section(), e.patch())).toList());
    }

    /** The live side of every differing object, as the playbook describes it (absent when missing). */
    public CibNode liveView() {
        return configuration(changes().stream().filter(e -> !e.missing())
                .map(e -> new Placed(e.object().section(), e.match().projected())).toList());
    }

    /** The wanted side of every differing object, with the live ids it will keep. */
    public CibNode wantedView() {
        return configuration(changes().stream().map(e -> new Placed(e.object().section(),
                e.missing() ? e.object().element() : e.match().aligned())).toList());
    }

    private record Placed(String section, CibNode node) {
    }

    private static CibNode configuration(List<Placed> placed) {
        Map<String, List<CibNode>> bySection = new LinkedHashMap<>();
        SECTIONS.forEach(s -> bySection.put(s, new ArrayList<>()));
        placed.forEach(p -> bySection.get(p.section()).add(p.node()));
        List<CibNode> sections = new ArrayList<>();
        bySection.forEach((s, nodes) -> {
            if (!nodes.isEmpty()) {
                sections.add(new CibNode(s, Map.of(), nodes));
            }
        });
        return new CibNode("configuration", Map.of(), sections);
    }
}
