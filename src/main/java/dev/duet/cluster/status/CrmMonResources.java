package dev.duet.cluster.status;

import static dev.duet.cluster.status.CrmMonXml.attr;
import static dev.duet.cluster.status.CrmMonXml.bool;
import static dev.duet.cluster.status.CrmMonXml.children;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** crm_mon's {@code <resources>}: primitives, clones (of primitives or groups), groups and bundles. */
final class CrmMonResources {
    private CrmMonResources() {
    }

    static List<ClusterResource> parse(Element resources) {
        List<ClusterResource> out = new ArrayList<>();
        for (Element e : children(resources, null)) {
            switch (e.getTagName()) {
                case "resource" -> out.add(new ClusterResource(attr(e, "id"), ClusterResource.Kind.PRIMITIVE, false,
                        bool(e, "managed"), bool(e, "failed"), List.of(instance(e))));
                case "clone" -> out.add(new ClusterResource(attr(e, "id"), ClusterResource.Kind.CLONE,
                        bool(e, "multi_state"), bool(e, "managed"), bool(e, "failed"), instances(e)));
                case "group" -> out.add(new ClusterResource(attr(e, "id"), ClusterResource.Kind.GROUP, false,
                        !e.hasAttribute("managed") || bool(e, "managed"), bool(e, "failed"), instances(e)));
                case "bundle" -> out.add(new ClusterResource(attr(e, "id"), ClusterResource.Kind.BUNDLE, false,
                        bool(e, "managed"), bool(e, "failed"), instances(e)));
                default -> {
                    // Tickets, bans and other elements crm_mon may add here are not resources.
                }
            }
        }
        return out;
    }

    /** Every primitive below a clone, group or bundle (a clone of a group: each copy's members). */
    private static List<ResourceInstance> instances(Element parent) {
        List<ResourceInstance> out = new ArrayList<>();
        for (Element e : children(parent, null)) {
            if (e.getTagName().equals("resource")) {
                out.add(instance(e));
            } else if (e.getTagName().equals("group") || e.getTagName().equals("replica")) {
                out.addAll(instances(e));
            }
        }
        return out;
    }

    private static ResourceInstance instance(Element r) {
        List<String> nodes = new ArrayList<>();
        for (Element n : children(r, "node")) {
            nodes.add(attr(n, "name"));
        }
        return new ResourceInstance(attr(r, "id"), attr(r, "resource_agent"),
                ResourceInstance.normalRole(attr(r, "role")), bool(r, "active"), !r.hasAttribute("managed")
                || bool(r, "managed"), bool(r, "failed"), bool(r, "blocked"), nodes);
    }
}
