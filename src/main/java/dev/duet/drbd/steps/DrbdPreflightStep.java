package dev.duet.drbd.steps;

import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.Map;

/**
 * Read-only checks that must pass before the playbook's first change (package installs included): every
 * play host's {@code uname -n} is its DRBD {@code on} name, and the pair is not split-brained with writes
 * on either side (a split pair is for {@code duet recover}, not for convergence; a split without writes is
 * reconnected by {@code drbd_up}). Never changes anything.
 */
final class DrbdPreflightStep implements Step {
    private final String res;
    /** DRBD {@code on} name by inventory host name. */
    private final Map<String, String> onNames;
    private final DrbdEnv env;

    DrbdPreflightStep(String res, Map<String, String> onNames, DrbdEnv env) {
        this.res = res;
        this.onNames = onNames;
        this.env = env;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.probes(DrbdCommands.status(res));
    }

    @Override
    public Check check(StepContext ctx) {
        for (Map.Entry<String, Node> e : ctx.playNodes().entrySet()) {
            String on = onNames.get(e.getKey());
            if (on == null) {
                throw new DuetException(Reason.PRECONDITION, e.getKey() + ": host is not among the nodes of DRBD "
                        + "resource " + res + " (" + String.join(", ", onNames.keySet()) + "); nothing was changed");
            }
            String uname = e.getValue().run(Command.probe("uname", "-n")).orThrow(e.getKey()).stdout().strip();
            if (!uname.equals(on)) {
                throw new DuetException(Reason.PRECONDITION, e.getKey() + ": `uname -n` is '" + uname
                        + "' but its DRBD `on` name in resource " + res + " is '" + on + "'; DRBD would not find its "
                        + "own section. Set the hostname or fix `nodes` (nothing was changed)");
            }
        }
        var mine = env.sources().apply(ctx.node()).read(res);
        if (mine.isPresent() && !PairView.connected(mine)) {
            PairView pair = PairView.read(ctx, env, res).refuseSplitBrain(ctx, env);
            if (pair.nothingWrittenSinceSplit()) {
                return Check.ok("hostnames match the DRBD `on` names; " + res + " is split but neither node wrote "
                        + "since (" + pair.describe() + "): drbd_up reconnects it without discarding anything");
            }
        }
        return Check.ok("hostnames match the DRBD `on` names" + (mine.isPresent() ? "; no split brain on " + res : ""));
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        // check-only: it never asks for a change
        return Done.unchanged(check.message());
    }
}
