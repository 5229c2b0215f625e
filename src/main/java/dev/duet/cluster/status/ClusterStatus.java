package dev.duet.cluster.status;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as one node's Pacemaker sees it, parsed from {@code crm_mon --output-as=xml}. When
 * Pacemaker does not answer there ({@code running} false) every list is empty and {@code problem} says
 * why in crm_mon's words; nothing in that case means "stopped" for a resource, it means "unknown".
 */
public record ClusterStatus(boolean running, String problem, String stack, String dc, boolean quorate,
                            Boolean stonithEnabled, List<ClusterMember> members, List<ClusterResource> resources,
                            List<FailedAction> failures) {
    public ClusterStatus {
        members = List.copyOf(members);
        resources = List.copyOf(resources);
        failures = List.copyOf(failures);
    }

    public static ClusterStatus notRunning(String problem) {
        return new ClusterStatus(false, problem, null, null, false, null, List.of(), List.of(), List.of());
    }

    public Optional<ClusterMember> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Every member online (and none unclean). */
    public boolean allOnline() {
        return !members.isEmpty() && members.stream().allMatch(m -> m.online() && !m.unclean());
    }

    public List<String> onlineMembers() {
        return members.stream().filter(ClusterMember::online).map(ClusterMember::name).toList();
    }

    /**
     * A resource by its id, by the id of the primitive a clone or group holds (a wait may name
     * {@code drbd} or {@code drbd-clone}), or by a clone instance id ({@code drbd:0}).
     */
    public Optional<ClusterResource> resource(String id) {
        Optional<ClusterResource> top = resources.stream().filter(r -> r.id().equals(id)).findFirst();
        if (top.isPresent()) {
            return top;
        }
        return resources.stream().filter(r -> r.instances().stream()
                .anyMatch(i -> i.id().equals(id) || i.id().equals(baseId(id)))).findFirst();
    }

    /** The role of resource {@code id} on {@code node}: Promoted, Unpromoted, Started; empty when stopped there. */
    public Optional<String> roleOn(String id, String node) {
        return resource(id).flatMap(r -> r.roleOn(node));
    }

    public List<ClusterResource> stonithResources() {
        return resources.stream().filter(ClusterResource::stonith).toList();
    }

    /** A clone instance id without its copy number ({@code drbd:1} → {@code drbd}). */
    static String baseId(String id) {
        int colon = id.lastIndexOf(':');
        return colon > 0 && id.substring(colon + 1).chars().allMatch(Character::isDigit) ? id.substring(0, colon) : id;
    }
}
