package dev.duet.cluster.cib;

/**
 * One thing the playbook describes, as it goes into the CIB: a top-level resource or constraint, or
 * a set of cluster properties / resource defaults / operation defaults. {@code section} is the
 * configuration section that holds it ({@code resources}, {@code constraints}, {@code crm_config},
 * {@code rsc_defaults}, {@code op_defaults}); {@code kind} names it for people ({@code clone}, {@code order}).
 */
public record CibObject(String section, String kind, CibNode element) {
    public String id() {
        return element.id();
    }

    public String describe() {
        return kind + " " + id();
    }
}
