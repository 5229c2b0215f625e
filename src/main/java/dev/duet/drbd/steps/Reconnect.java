package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.DeviceText;
import dev.duet.drbd.wait.DrbdWaiter;
import dev.duet.drbd.wait.StateCondition;
import dev.duet.drbd.wait.StateSource;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.DroppedDuringChange;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Optional;

/**
 * How one StandAlone node gets back to Connected, decided by the check half and carried out by the act
 * half (deciding again in the act would race with the peer's own act). Either a plain {@code drbdadm
 * connect} (disconnected by hand, no split brain), or, after a split brain in which neither node wrote
 * (a replication link that was cut and healed while both stayed Primary: 8.4 gives each Primary a new
 * data generation on the cut and then refuses the handshake), one node reconnects as the sync target of
 * nothing: demoted for the handshake, {@code connect --discard-my-data}, promoted back once UpToDate.
 * The target is the pair's only Secondary if there is one, else the last host of the play. A split with
 * writes on either side never gets here: that is {@code duet recover}'s, naming the node to discard.
 */
final class Reconnect {
    enum Part { CONNECT, SURVIVOR, TARGET }

    private final String res;
    private final Part part;
    private final String target;
    private final Optional<Device> mine;
    private final String why;

    private Reconnect(String res, Part part, String target, Optional<Device> mine, String why) {
        this.res = res;
        this.part = part;
        this.target = target;
        this.mine = mine;
        this.why = why;
    }

    /** The plan for {@code self}, a StandAlone node of a pair that is not split with writes (the caller refused that). */
    static Reconnect plan(PairView pair, String self) {
        Optional<Device> mine = pair.devices().getOrDefault(self, Optional.empty());
        if (!pair.nothingWrittenSinceSplit()) {
            return new Reconnect(pair.resource(), Part.CONNECT, null, mine, "StandAlone, no split brain: " + pair.describe());
        }
        List<String> secondaries = pair.devices().entrySet().stream()
                .filter(e -> e.getValue().map(Device::isSecondary).orElse(false))
                .map(java.util.Map.Entry::getKey).toList();
        List<String> hosts = List.copyOf(pair.devices().keySet());
        String target = secondaries.size() == 1 ? secondaries.get(0) : hosts.get(hosts.size() - 1);
        String why = "split brain in which neither node wrote since the split (" + pair.describe()
                + "), so nothing is discarded";
        return new Reconnect(pair.resource(), self.equals(target) ? Part.TARGET : Part.SURVIVOR, target, mine, why);
    }

    Part part() {
        return part;
    }

    String describe() {
        return switch (part) {
            case CONNECT -> "would run `drbdadm connect " + res + "` (" + why + ")";
            case SURVIVOR -> "would run `drbdadm connect " + res + "`; " + target + " reconnects as sync target: " + why;
            case TARGET -> "would reconnect " + res + " as sync target (" + String.join(", ", targetActions()) + "): " + why;
        };
    }

    private boolean wasPrimary() {
        return mine.map(Device::isPrimary).orElse(false);
    }

    private List<String> targetActions() {
        return wasPrimary()
                ? List.of("drbdadm secondary " + res, "drbdadm connect --discard-my-data " + res,
                        "wait for UpToDate/UpToDate", "drbdadm primary " + res)
                : List.of("drbdadm connect --discard-my-data " + res, "wait for UpToDate/UpToDate");
    }

    /**
     * Carries out the plan; returns what was done. A failure is posted to {@code failures} so the peer,
     * waiting for this node to connect, stops at once with the reason; a wait here stops likewise when
     * the peer posts one. A dropped connection is not posted: the engine decides again and may still
     * succeed.
     */
    String carryOut(Node node, StateSource source, WaitOptions waits, boolean waitConnected, PairFailures failures,
                    String self) {
        DrbdWaiter waiter = new DrbdWaiter(source, waits).failingFastWhen(() -> failures.peerFailure(res, self));
        try {
            return carryOut(node, source, waiter, waitConnected);
        } catch (DroppedDuringChange drop) {
            throw drop;
        } catch (RuntimeException e) {
            failures.post(res, self, e.getMessage());
            throw e;
        }
    }

    private String carryOut(Node node, StateSource source, DrbdWaiter waiter, boolean waitConnected) {
        if (part != Part.TARGET) {
            node.run(DrbdCommands.connect(res)).orThrow(node.name());
            String now = "";
            if (waitConnected) {
                now = "; now " + DeviceText.words(Optional.of(waiter.await(res, StateCondition.connected())));
            }
            return "ran `drbdadm connect " + res + "`" + (part == Part.SURVIVOR ? " (" + target
                    + " reconnected as sync target: " + why + ")" : " (" + why + ")") + now;
        }
        if (wasPrimary()) {
            node.run(DrbdCommands.secondary(res)).orThrow(node.name());
        }
        Optional<Device> now = source.read(res);
        boolean stillClean = now.map(d -> d.isStandAlone() && d.nothingOutOfSync()).orElse(false);
        if (!stillClean) {
            throw new DuetException(Reason.SPLIT_BRAIN, node.name() + ": " + res + " changed between the check and "
                    + "the reconnect (" + DeviceText.describe(now) + "); it was left Secondary and StandAlone, nothing "
                    + "was discarded. If it now holds writes, `duet recover --discard NODE` decides whose are lost");
        }
        DrbdVersion v = DrbdProbe.of(node).requireVersion();
        node.run(DrbdCommands.connectDiscardingMyData(v, res)).orThrow(node.name());
        waiter.await(res, StateCondition.upToDateBoth());
        if (wasPrimary()) {
            node.run(DrbdCommands.primary(res)).orThrow(node.name());
        }
        return "reconnected " + res + " as sync target (" + String.join(", ", targetActions()) + "): " + why;
    }
}
