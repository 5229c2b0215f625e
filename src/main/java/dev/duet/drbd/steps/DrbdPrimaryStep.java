package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.DeviceText;
import dev.duet.drbd.wait.DrbdWaiter;
import dev.duet.drbd.wait.StateCondition;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.util.Optional;

/**
 * Promotes this node. Only a Connected pair is promoted (a lone primary diverges), after waiting for
 * UpToDate/UpToDate (a rejoining node resyncs first); a second primary additionally needs
 * allow-two-primaries in the running configuration.
 */
final class DrbdPrimaryStep implements Step {
    private final String res;
    private final boolean dual;
    private final WaitOptions waits;
    private final DrbdEnv env;

    DrbdPrimaryStep(String res, boolean dual, WaitOptions waits, DrbdEnv env) {
        this.res = res;
        this.dual = dual;
        this.waits = waits;
        this.env = env;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.probes(DrbdCommands.status(res));
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        Optional<Device> d = env.sources().apply(node).read(res);
        if (d.isEmpty()) {
            if (ctx.checkMode()) {
                return Check.change("would promote " + res + " on " + node.name() + " once it is up and in sync");
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot promote " + res + ": it is not up");
        }
        if (d.get().isPrimary()) {
            return Check.ok(res + " is Primary on " + node.name());
        }
        PairView.read(ctx, env, res).refuseSplitBrain(ctx, env);
        if (!d.get().isConnected()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": refusing to promote " + res
                    + " while not Connected to its peer (a lone primary diverges); state: " + DeviceText.describe(d));
        }
        requireSecondPrimaryAllowed(node, d);
        String wait = d.get().isUpToDateOnBoth() ? "" : " after waiting for UpToDate/UpToDate (now "
                + DeviceText.words(d) + ")";
        return Check.change("would promote " + res + " on " + node.name() + " (`drbdadm primary " + res + "`)" + wait);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        var source = env.sources().apply(node);
        Device d = new DrbdWaiter(source, waits).await(res, StateCondition.upToDateBoth());
        if (d.isPrimary()) {
            return Done.unchanged(res + " is Primary on " + node.name());
        }
        requireSecondPrimaryAllowed(node, Optional.of(d));
        node.run(DrbdCommands.primary(res)).orThrow(node.name());
        return Done.changed("promoted " + res + " on " + node.name() + " (`drbdadm primary " + res + "`)");
    }

    /** The peer is (or, in a dual-primary play, is about to be) Primary: the running config must allow two. */
    private void requireSecondPrimaryAllowed(Node node, Optional<Device> d) {
        boolean peerPrimary = d.map(Device::peerIsPrimary).orElse(false);
        if (!peerPrimary && !dual) {
            return;
        }
        if (peerPrimary && !dual) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": peer is already Primary for " + res
                    + " and this task has `dual: no`; state: " + DeviceText.describe(d));
        }
        if (!DrbdProbe.of(node).allowTwoPrimaries(res)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": refusing a second primary for " + res
                    + ": allow-two-primaries is not on in its running configuration (set allow_two_primaries: yes "
                    + "on drbd_resource after the initial sync); state: " + DeviceText.describe(d));
        }
    }
}
