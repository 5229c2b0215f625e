package dev.duet.drbd.steps;

import dev.duet.cluster.status.PacemakerOwnership;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.wait.DeviceText;
import dev.duet.drbd.wait.DrbdWaiter;
import dev.duet.drbd.wait.StateCondition;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.Node;
import java.util.Optional;

/**
 * {@code drbdadm up} where the resource is down, reconnects a StandAlone node (see {@link Reconnect}),
 * then waits until this node's peer is Connected. When the peer's up or reconnect fails, the wait here
 * stops at once with the peer's reason ({@link PairFailures}).
 *
 * <p>Deferring to Pacemaker: once the CIB on disk has this resource as an {@code ocf:linbit:drbd}
 * primitive, bringing it up or reconnecting it is Pacemaker's job. Doing it here would race the cluster
 * (a node whose Pacemaker is stopped would get DRBD up behind it; a reconnect could bypass the fence
 * constraint the fence-peer handler placed), so the check says ok and names who owns it.
 */
final class DrbdUpStep implements Step {
    private final String res;
    private final boolean waitConnected;
    private final WaitOptions waits;
    private final DrbdEnv env;
    private final PairFailures failures;
    private final boolean deferToPacemaker;

    DrbdUpStep(String res, boolean waitConnected, WaitOptions waits, DrbdEnv env, PairFailures failures,
               boolean deferToPacemaker) {
        this.deferToPacemaker = deferToPacemaker;
        this.res = res;
        this.waitConnected = waitConnected;
        this.waits = waits;
        this.env = env;
        this.failures = failures;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        LikelyReads state = LikelyReads.probes(DrbdCommands.status(res));
        return deferToPacemaker ? state.and(LikelyReads.files(PacemakerOwnership.CIB_FILE)) : state;
    }

    @Override
    public Check check(StepContext ctx) {
        if (pacemakerOwns(ctx.node())) {
            return Check.ok(owned());
        }
        var d = env.sources().apply(ctx.node()).read(res);
        failures.clear(res, ctx.hostName());
        if (d.isPresent() && !PairView.connected(d)) {
            PairView pair = PairView.read(ctx, env, res).refuseSplitBrain(ctx, env);
            if (pair.standAlone(ctx.hostName())) {
                // decided here, carried out exactly so by the act (deciding again there would race the peer)
                Reconnect reconnect = Reconnect.plan(pair, ctx.hostName());
                return Check.change(reconnect.describe()).with(reconnect);
            }
        }
        if (d.isPresent()) {
            return Check.ok(res + " is up (" + DeviceText.words(d) + ")");
        }
        return Check.change("would run `drbdadm up " + res + "`" + (waitConnected ? " and wait for Connected" : ""));
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        if (pacemakerOwns(node)) {
            return Done.unchanged(owned());
        }
        var source = env.sources().apply(node);
        var reconnect = check.decision(Reconnect.class);
        if (reconnect.isPresent()) {
            return Done.changed(reconnect.get().carryOut(node, source, waits, waitConnected, failures, ctx.hostName()));
        }
        boolean wasDown = source.read(res).isEmpty();
        if (wasDown) {
            var up = node.run(DrbdCommands.up(res));
            if (!up.ok()) {
                // The peer may be waiting for this node to connect: it stops now, with this reason.
                var failed = new CommandFailedException(node.name(), up);
                failures.post(res, ctx.hostName(), failed.getMessage());
                throw failed;
            }
        }
        String connected = "";
        if (waitConnected) {
            var d = new DrbdWaiter(source, waits).failingFastWhen(() -> failures.peerFailure(res, ctx.hostName()))
                    .await(res, StateCondition.connected());
            connected = "; now " + DeviceText.words(Optional.of(d));
        }
        return wasDown ? Done.changed("ran `drbdadm up " + res + "`" + connected)
                : Done.unchanged(res + " was already up" + connected);
    }

    private boolean pacemakerOwns(Node node) {
        return deferToPacemaker && PacemakerOwnership.managesDrbd(node, res);
    }

    private String owned() {
        return "Pacemaker manages " + res + " (" + PacemakerOwnership.CIB_FILE + "): it brings it up and connects it";
    }
}
