package dev.duet.cluster.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A top-level resource of crm_mon's {@code <resources>}: a primitive (one instance), a clone (its
 * instances; {@code promotable} for a multi-state clone) or a group (its members). A clone of a group
 * lists every member of every copy as an instance.
 */
public record ClusterResource(String id, Kind kind, boolean promotable, boolean managed, boolean failed,
                              List<ResourceInstance> instances) {
    public enum Kind { PRIMITIVE, CLONE, GROUP, BUNDLE }

    public ClusterResource {
        instances = List.copyOf(instances);
    }

    /** The agent of its instances ({@code ocf:linbit:drbd}, {@code stonith:external/sbd}), or null. */
    public String agent() {
        return instances.stream().map(ResourceInstance::agent).filter(a -> a != null).findFirst().orElse(null);
    }

    public boolean stonith() {
        return instances.stream().anyMatch(ResourceInstance::stonith);
    }

    /** Node name → role of the instance running there, in the order crm_mon printed them. */
    public Map<String, String> rolesByNode() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResourceInstance i : instances) {
            for (String n : i.nodes()) {
                out.merge(n, i.role(), ClusterResource::lower);
            }
        }
        return out;
    }

    /** The role on {@code node}; empty when nothing of it runs there (Stopped). */
    public Optional<String> roleOn(String node) {
        return Optional.ofNullable(rolesByNode().get(node));
    }

    /** Instances that run nowhere (a clone's stopped copies). */
    public long stoppedInstances() {
        return instances.stream().filter(i -> i.nodes().isEmpty()).count();
    }

    /** Of a group's members on one node, the least advanced role counts (a half-started group is not Started). */
    private static String lower(String a, String b) {
        return rank(a) <= rank(b) ? a : b;
    }

    private static int rank(String role) {
        return switch (role) {
            case "Promoted" -> 3;
            case "Started", "Unpromoted" -> 2;
            default -> 0;
        };
    }
}
