package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.DeviceText;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manual split-brain recovery, one side per host. On the victim (named by the user, never chosen):
 * unmount, disconnect, secondary, {@code connect --discard-my-data}; on the survivor: {@code connect}
 * when it is StandAlone. A victim that is Connected again has nothing left to discard (ok, so a converged
 * pair reports no change); a pair with no StandAlone node is no split brain and is refused.
 * {@code --discard-my-data} only acts when the handshake finds a split brain, so repeating it is harmless.
 */
final class DrbdDiscardStep implements Step {
    private final String res;
    private final String victim;
    private final Optional<String> mount;
    private final DrbdEnv env;

    DrbdDiscardStep(String res, String victim, Optional<String> mount, DrbdEnv env) {
        this.res = res;
        this.victim = victim;
        this.mount = mount;
        this.env = env;
    }

    @Override
    public Check check(StepContext ctx) {
        if (!ctx.playNodes().containsKey(victim)) {
            throw new DuetException(Reason.INPUT, "drbd_discard: victim '" + victim + "' is not a host of this play ("
                    + String.join(", ", ctx.playNodes().keySet()) + ")");
        }
        PairView pair = PairView.read(ctx, env, res);
        String self = ctx.hostName();
        Optional<Device> mine = pair.devices().getOrDefault(self, Optional.empty());
        if (mine.isEmpty()) {
            throw new DuetException(Reason.PRECONDITION, self + ": " + res + " is not up, so there is nothing to "
                    + "reconnect; bring it up (`drbdadm up " + res + "`) and run recover again. Pair: " + pair.describe());
        }
        return self.equals(victim) ? checkVictim(ctx, pair, mine) : checkSurvivor(self, mine);
    }

    private Check checkVictim(StepContext ctx, PairView pair, Optional<Device> mine) {
        if (PairView.connected(mine)) {
            return Check.ok(victim + " is Connected to its peer again (" + DeviceText.words(mine)
                    + "): nothing left to discard");
        }
        if (!pair.anyStandAlone()) {
            throw new DuetException(Reason.PRECONDITION, "nothing to recover on " + res + ": no split brain and no "
                    + "StandAlone node (" + pair.describe() + "); a node that is Connecting waits for its peer or "
                    + "for the replication link, discarding data would not help");
        }
        String why = pair.splitBrain(ctx, env.sources()).orElse(res + " is StandAlone without split-brain evidence ("
                + pair.describe() + ")");
        return Check.change("would discard " + victim + "'s changes to " + res + " since the split: "
                + String.join(", ", victimActions(ctx.node(), mine)) + " — because " + why);
    }

    private Check checkSurvivor(String self, Optional<Device> mine) {
        if (standAlone(mine)) {
            return Check.change("would run `drbdadm connect " + res + "` on " + self + " (StandAlone; it keeps its data)");
        }
        return Check.ok(self + " is not StandAlone (" + DeviceText.words(mine) + "): it will accept " + victim);
    }

    private List<String> victimActions(Node node, Optional<Device> d) {
        List<String> actions = new ArrayList<>();
        if (mounted(node)) {
            actions.add("umount " + mount.orElseThrow());
        }
        if (!standAlone(d)) {
            actions.add("drbdadm disconnect " + res);
        }
        if (d.map(Device::isPrimary).orElse(false)) {
            actions.add("drbdadm secondary " + res);
        }
        actions.add("drbdadm connect --discard-my-data " + res);
        return actions;
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        if (!ctx.hostName().equals(victim)) {
            node.run(DrbdCommands.connect(res)).orThrow(node.name());
            return Done.changed("ran `drbdadm connect " + res + "` on " + node.name() + " (it keeps its data)");
        }
        List<String> done = new ArrayList<>();
        if (mounted(node)) {
            node.run(Command.change("umount", mount.orElseThrow())).orThrow(node.name());
            done.add("umount " + mount.orElseThrow());
        }
        Optional<Device> d = env.sources().apply(node).read(res);
        if (!standAlone(d)) {
            node.run(DrbdCommands.disconnect(res)).orThrow(node.name());
            done.add("drbdadm disconnect " + res);
        }
        if (d.map(Device::isPrimary).orElse(false)) {
            node.run(DrbdCommands.secondary(res)).orThrow(node.name());
            done.add("drbdadm secondary " + res);
        }
        DrbdVersion v = DrbdProbe.of(node).requireVersion();
        node.run(DrbdCommands.connectDiscardingMyData(v, res)).orThrow(node.name());
        done.add("drbdadm connect --discard-my-data " + res);
        return Done.changed("discarded " + victim + "'s changes to " + res + " since the split: "
                + String.join(", ", done) + "; it resyncs from its peer");
    }

    private boolean mounted(Node node) {
        return mount.isPresent() && node.run(Command.probe("findmnt", "-n", "-o", "SOURCE", "--mountpoint",
                mount.get())).ok();
    }

    private static boolean standAlone(Optional<Device> d) {
        return d.map(Device::isStandAlone).orElse(false);
    }
}
