package dev.duet.cluster.status;

import java.util.List;

/**
 * One primitive, or one instance of a clone, as crm_mon's {@code <resource>} shows it. {@code role} is
 * normalised to Pacemaker 2.1's words ({@code Master} reads {@code Promoted}, {@code Slave} reads
 * {@code Unpromoted}); {@code nodes} is where it runs, empty when stopped.
 */
public record ResourceInstance(String id, String agent, String role, boolean active, boolean managed,
                               boolean failed, boolean blocked, List<String> nodes) {
    public ResourceInstance {
        nodes = List.copyOf(nodes);
    }

    public boolean stonith() {
        return agent != null && agent.startsWith("stonith:");
    }

    static String normalRole(String role) {
        if (role == null) {
            return "Stopped";
        }
        return switch (role) {
            case "Master" -> "Promoted";
            case "Slave" -> "Unpromoted";
            default -> role;
        };
    }
}
