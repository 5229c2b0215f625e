package dev.duet.cluster.cib;

import static dev.duet.cluster.cib.CibYaml.path;
import static dev.duet.cluster.cib.CibYaml.templated;

import dev.duet.step.ArgPaths;
import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code cib} module's arguments into a {@link CibSpec}. Strict (at bind time, every template
 * rendered) it checks everything; lenient (at load time) it accepts templated values and skips only
 * the checks that need them. STONITH is required unless the task says {@code stonith: disabled} by name:
 * a dual-primary pair without fencing turns a network partition into a split brain.
 */
public final class CibSpecReader {
    /** In the order the README lists them, so "expected: ..." reads the same every time. */
    static final Set<String> ARGS = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(
            "primitives", "groups", "clones", "orders", "colocations", "locations", "properties", "rsc_defaults",
            "op_defaults", "stonith", "extra_resources")));
    private static final String[] ROLES = {"Started", "Promoted", "Unpromoted", "Stopped"};
    private static final String[] ACTIONS = {"start", "promote", "demote", "stop"};

    private final CibYaml y;
    private final boolean strict;

    private CibSpecReader(Args.Location where, ArgPaths paths, boolean strict) {
        this.y = new CibYaml(where, paths);
        this.strict = strict;
    }

    /** Every value rendered: the full check. */
    public static CibSpec strict(Map<String, Object> args, Args.Location where) {
        return new CibSpecReader(where, null, true).read(args, true);
    }

    /** At load time, templates unrendered; {@code whole} when {@code args} holds every argument of the task. */
    public static void lenient(Map<String, Object> args, Args.Location where, ArgPaths paths, boolean whole) {
        new CibSpecReader(where, paths, false).read(args, whole);
    }

    private CibSpec read(Map<String, Object> args, boolean whole) {
        String stonith = args.get("stonith") == null ? "required"
                : y.oneOf(args.get("stonith"), List.of("stonith"), "required", "disabled");
        String extra = args.get("extra_resources") == null ? "warn"
                : y.oneOf(args.get("extra_resources"), List.of("extra_resources"), "warn", "ignore");
        List<CibObject> objects = new ArrayList<>();
        Map<String, String> props = y.pairs(args.get("properties"), List.of("properties"));
        if (!props.isEmpty()) {
            objects.add(new CibObject("crm_config", "properties",
                    CibResourceReader.nvset("cluster_property_set", "cib-bootstrap-options", props)));
        }
        defaults(objects, "rsc_defaults", "rsc-options", args.get("rsc_defaults"));
        defaults(objects, "op_defaults", "op-options", args.get("op_defaults"));
        CibResourceReader resources = new CibResourceReader(y, strict, whole);
        objects.addAll(resources.read(args));
        objects.addAll(new CibConstraintReader(y, resources).read(args));
        if (whole) {
            stonithRule(stonith, props, resources);
        }
        return new CibSpec(objects, stonith.equals("disabled"), extra.equals("warn"));
    }

    private void defaults(List<CibObject> objects, String section, String setId, Object raw) {
        Map<String, String> pairs = y.pairs(raw, List.of(section));
        if (!pairs.isEmpty()) {
            objects.add(new CibObject(section, section.replace('_', ' '),
                    CibResourceReader.nvset("meta_attributes", setId, pairs)));
        }
    }

    private void stonithRule(String stonith, Map<String, String> props, CibResourceReader resources) {
        String enabled = props.get("stonith-enabled");
        if (templated(stonith) || templated(enabled)) {
            return;
        }
        Boolean on = enabled == null ? null : CibValues.bool(enabled);
        if (stonith.equals("disabled")) {
            if (!Boolean.FALSE.equals(on)) {
                throw y.error(List.of("stonith"), "stonith: disabled needs properties: {stonith-enabled: false};"
                        + " the properties say " + (enabled == null ? "nothing (Pacemaker's default is true)" : enabled));
            }
            return;
        }
        if (enabled != null && on == null) {
            throw y.error(List.of("properties", "stonith-enabled"), "must be true or false, got '" + enabled + "'");
        }
        if (Boolean.FALSE.equals(on)) {
            throw y.error(List.of("properties", "stonith-enabled"), "STONITH is disabled: a dual-primary pair without"
                    + " fencing turns a network partition into a DRBD split brain with writes on both sides."
                    + " Configure a stonith primitive, or say stonith: disabled in this task to accept that");
        }
        if (!resources.stonithPrimitive && !resources.anyTemplatedId) {
            throw y.error(List.of("primitives"), "no STONITH resource (a primitive with agent stonith:...):"
                    + " a dual-primary pair without fencing turns a network partition into a DRBD split brain."
                    + " Add one (e.g. stonith:external/sbd), or say stonith: disabled in this task to accept that");
        }
    }

    static String[] roles() {
        return ROLES.clone();
    }

    static String[] actions() {
        return ACTIONS.clone();
    }
}
