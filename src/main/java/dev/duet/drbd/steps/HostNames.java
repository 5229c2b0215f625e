package dev.duet.drbd.steps;

import dev.duet.drbd.config.NodeSpec;
import dev.duet.drbd.config.ResourceModel;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.Map;

/** DRBD finds its own {@code on} section by {@code uname -n}: a mismatch must stop us before any change. */
final class HostNames {
    private HostNames() {
    }

    /** Checks every node of the play, so neither node changes anything when one of them would not match. */
    static void verify(StepContext ctx, ResourceModel model) {
        for (Map.Entry<String, Node> e : ctx.playNodes().entrySet()) {
            NodeSpec spec = model.nodeForHost(e.getKey()).orElseThrow(() -> new DuetException(Reason.PRECONDITION,
                    e.getKey() + ": host is not among the nodes of DRBD resource " + model.name() + " ("
                            + String.join(", ", model.nodes().stream().map(NodeSpec::host).toList())
                            + "); add it to `nodes` (use `host:` when the DRBD name differs from the inventory name)"));
            String uname = e.getValue().run(Command.probe("uname", "-n")).orThrow(e.getKey()).stdout().strip();
            if (!uname.equals(spec.name())) {
                throw new DuetException(Reason.PRECONDITION, e.getKey() + ": `uname -n` is '" + uname
                        + "' but its DRBD `on` name in resource " + model.name() + " is '" + spec.name()
                        + "'; DRBD would not find its own section. Set the hostname or fix `nodes` (nothing was changed)");
            }
        }
    }
}
