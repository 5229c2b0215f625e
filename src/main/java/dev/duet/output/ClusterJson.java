package dev.duet.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.cluster.status.ClusterMember;
import dev.duet.cluster.status.ClusterResource;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.cluster.status.FailedAction;
import java.util.Locale;

/**
 * The {@code cluster} key of {@code duet status -i --json}, per node: Pacemaker's view as that node's
 * crm_mon shows it. Field names and order are fixed like the DRBD contract's; absent values are null.
 */
public final class ClusterJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClusterJson() {
    }

    public static ObjectNode tree(ClusterStatus s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("running", s.running());
        root.put("problem", s.problem());
        root.put("dc", s.dc());
        root.put("quorate", s.quorate());
        root.put("stonithEnabled", s.stonithEnabled());
        var members = root.putArray("members");
        for (ClusterMember m : s.members()) {
            members.addObject().put("name", m.name()).put("state", m.state()).put("online", m.online());
        }
        var resources = root.putArray("resources");
        for (ClusterResource r : s.resources()) {
            ObjectNode o = resources.addObject();
            o.put("id", r.id());
            o.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            o.put("agent", r.agent());
            o.put("promotable", r.promotable());
            o.put("stonith", r.stonith());
            o.put("failed", r.failed());
            o.put("managed", r.managed());
            ObjectNode roles = o.putObject("roles");
            r.rolesByNode().forEach(roles::put);
            o.put("stoppedInstances", r.stoppedInstances());
        }
        var failures = root.putArray("failures");
        for (FailedAction f : s.failures()) {
            ObjectNode o = failures.addObject();
            o.put("resource", f.resource());
            o.put("node", f.node());
            o.put("operation", f.opKey());
            o.put("task", f.task());
            o.put("exitStatus", f.exitStatus());
            o.put("exitCode", f.exitCode());
            o.put("exitReason", f.exitReason());
            o.put("lastRcChange", f.lastRcChange());
        }
        return root;
    }
}
