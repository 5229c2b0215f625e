package dev.duet.cluster.handover;

import dev.duet.cluster.status.ClusterResource;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.cluster.status.FailedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What "the cluster has taken over" means, as a question to a parsed {@code crm_mon} status: every
 * named node online, each {@code promoted} resource Promoted on every node, each {@code started}
 * resource running (Started or Promoted) on every node, and, with {@code stonith}, STONITH enabled
 * and a STONITH resource Started somewhere.
 */
record ClusterCondition(List<String> nodes, List<String> promoted, List<String> started, boolean stonith) {
    ClusterCondition {
        nodes = List.copyOf(nodes);
        promoted = List.copyOf(promoted);
        started = List.copyOf(started);
    }

    /** What is not yet so, in words ("drbd-clone not Promoted on node2 (Unpromoted)"); empty when all holds. */
    List<String> unmet(ClusterStatus s) {
        List<String> out = new ArrayList<>();
        if (!s.running()) {
            out.add("Pacemaker not running (" + s.problem() + ")");
            return out;
        }
        for (String n : nodes) {
            if (s.member(n).map(m -> !m.online() || m.unclean()).orElse(true)) {
                out.add(n + " not online (" + s.member(n).map(m -> m.state()).orElse("not a member") + ")");
            }
        }
        for (String id : promoted) {
            for (String n : nodes) {
                Optional<String> role = s.roleOn(id, n);
                if (!role.equals(Optional.of("Promoted"))) {
                    out.add(id + " not Promoted on " + n + " (" + role.orElse(s.resource(id).isPresent() ? "Stopped" : "no such resource") + ")");
                }
            }
        }
        for (String id : started) {
            for (String n : nodes) {
                Optional<String> role = s.roleOn(id, n);
                if (role.isEmpty() || !(role.get().equals("Started") || role.get().equals("Promoted"))) {
                    out.add(id + " not Started on " + n + " (" + role.orElse(s.resource(id).isPresent() ? "Stopped" : "no such resource") + ")");
                }
            }
        }
        if (stonith) {
            if (!Boolean.TRUE.equals(s.stonithEnabled())) {
                out.add("stonith-enabled is not true (" + s.stonithEnabled() + ")");
            }
            if (s.stonithResources().stream().noneMatch(r -> !r.rolesByNode().isEmpty())) {
                out.add("no STONITH resource Started");
            }
        }
        return out;
    }

    /** Failed actions Pacemaker records for the resources this condition names (by their own or their primitives' ids). */
    List<FailedAction> failures(ClusterStatus s) {
        List<String> watched = new ArrayList<>(promoted);
        watched.addAll(started);
        List<FailedAction> out = new ArrayList<>();
        for (FailedAction f : s.failures()) {
            for (String id : watched) {
                if (owns(s, id, f)) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    /** The watched id a failed action belongs to, for {@code crm_resource --cleanup --resource}. */
    String owner(ClusterStatus s, FailedAction f) {
        List<String> watched = new ArrayList<>(promoted);
        watched.addAll(started);
        return watched.stream().filter(id -> owns(s, id, f)).findFirst().orElse(f.resource());
    }

    private static boolean owns(ClusterStatus s, String id, FailedAction f) {
        String rsc = f.resource();
        if (rsc == null) {
            return false;
        }
        if (rsc.equals(id)) {
            return true;
        }
        Optional<ClusterResource> r = s.resource(id);
        return r.isPresent() && r.get().instances().stream().anyMatch(i -> base(i.id()).equals(rsc));
    }

    private static String base(String id) {
        int colon = id.lastIndexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        if (!promoted.isEmpty()) {
            parts.add(String.join(", ", promoted) + " Promoted");
        }
        if (!started.isEmpty()) {
            parts.add(String.join(", ", started) + " Started");
        }
        if (stonith) {
            parts.add("STONITH enabled and Started");
        }
        return String.join("; ", parts) + " on " + String.join(" and ", nodes);
    }
}
