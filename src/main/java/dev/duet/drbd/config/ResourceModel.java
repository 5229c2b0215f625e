package dev.duet.drbd.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DRBD resource as the playbook describes it. {@code net} and {@code disk} are option name → value in
 * the order they are rendered (typed arguments first, then the free-form maps); the shared secret is kept
 * apart so only the renderer sees it. {@code fencing} (null: none) is DRBD's fencing policy; the renderer
 * puts it in the dialect's section and adds the cluster manager's fence-peer handlers.
 */
public record ResourceModel(String name, List<NodeSpec> nodes, String metaDisk, Map<String, String> net,
                            Map<String, String> disk, Map<String, String> startup, String cramHmacAlg,
                            Secret secret, String fencing) {
    /** allow-two-primaries value meaning "no until both disks are UpToDate, then yes, and never back". */
    public static final String AFTER_INITIAL_SYNC = "after-initial-sync";

    public ResourceModel {
        nodes = List.copyOf(nodes);
        net = new LinkedHashMap<>(net);
        disk = new LinkedHashMap<>(disk);
        startup = new LinkedHashMap<>(startup);
    }

    /** A resource without fencing. */
    public ResourceModel(String name, List<NodeSpec> nodes, String metaDisk, Map<String, String> net,
                         Map<String, String> disk, Map<String, String> startup, String cramHmacAlg, Secret secret) {
        this(name, nodes, metaDisk, net, disk, startup, cramHmacAlg, secret, null);
    }

    /** This model with a fencing policy ({@code resource-and-stonith}, {@code resource-only}, {@code dont-care}). */
    public ResourceModel withFencing(String policy) {
        return new ResourceModel(name, nodes, metaDisk, net, disk, startup, cramHmacAlg, secret, policy);
    }

    /** Fencing that calls the fence-peer handler (any policy but dont-care). */
    public boolean fencesPeer() {
        return fencing != null && !"dont-care".equals(fencing);
    }

    public Optional<NodeSpec> nodeForHost(String inventoryHost) {
        return nodes.stream().filter(n -> n.host().equals(inventoryHost)).findFirst();
    }

    public boolean allowTwoPrimariesAfterInitialSync() {
        return AFTER_INITIAL_SYNC.equals(net.get("allow-two-primaries"));
    }

    /** This model with allow-two-primaries decided. */
    public ResourceModel withAllowTwoPrimaries(boolean allow) {
        Map<String, String> n = new LinkedHashMap<>(net);
        n.put("allow-two-primaries", allow ? "yes" : "no");
        return new ResourceModel(name, nodes, metaDisk, n, disk, startup, cramHmacAlg, secret, fencing);
    }

    public boolean allowTwoPrimaries() {
        return "yes".equals(net.get("allow-two-primaries"));
    }

    /** Policies that with a cluster filesystem may throw away a node's recent writes silently. */
    public List<String> dangerousPolicies() {
        return net.entrySet().stream()
                .filter(e -> "violently-as0p".equals(e.getValue())
                        || ("rr-conflict".equals(e.getKey()) && "violently".equals(e.getValue())))
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
    }
}
