package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.DrbdWaiter;
import dev.duet.drbd.wait.StateCondition;
import dev.duet.drbd.wait.SyncProgress;
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
 * The pair's first sync, once: only over fresh metadata (both Connected, Secondary/Secondary,
 * Inconsistent/Inconsistent). The source node is forced (full) or both sides are declared in sync
 * without copying (skip, for blank devices); both nodes then wait for UpToDate/UpToDate, reporting
 * progress, within a total and a stall timeout.
 */
final class DrbdInitialSyncStep implements Step {
    enum Mode { FULL, SKIP }

    private final String res;
    private final String sourceArg;
    private final Mode mode;
    private final String tuneRate;
    private final WaitOptions waits;
    private final DrbdEnv env;

    DrbdInitialSyncStep(String res, String source, Mode mode, String tuneRate, WaitOptions waits, DrbdEnv env) {
        this.res = res;
        this.sourceArg = source;
        this.mode = mode;
        this.tuneRate = tuneRate;
        this.waits = waits;
        this.env = env;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.probes(DrbdCommands.status(res));
    }

    @Override
    public Check check(StepContext ctx) {
        String source = source(ctx);
        PairView pair = PairView.read(ctx, env, res);
        var synced = pair.devices().entrySet().stream()
                .filter(e -> e.getValue().map(Device::hasSyncedData).orElse(false))
                .map(java.util.Map.Entry::getKey).toList();
        boolean allConnected = pair.devices().values().stream().allMatch(PairView::connected);
        long up = pair.devices().values().stream().filter(Optional::isPresent).count();
        if (!allConnected && !synced.isEmpty() && synced.size() == up) {
            pair.refuseSplitBrain(ctx, env);
            // A node that was down (rebooted) or disconnected rejoins by resync (drbd_up reconnects it); the
            // pair's one initial sync is long done.
            return Check.ok(res + " already had its initial sync (" + String.join(", ", synced)
                    + " holds good data); a node that is down or disconnected rejoins by resync: " + pair.describe());
        }
        if (!pair.allUp()) {
            if (ctx.checkMode()) {
                return Check.change("would run the initial sync of " + res + " (" + verb(source) + ") once it is up");
            }
            throw new DuetException(Reason.PRECONDITION, "initial sync of " + res + " needs the resource up on "
                    + "every node; state: " + pair.describe());
        }
        pair.refuseSplitBrain(ctx, env);
        if (pair.devices().values().stream().allMatch(DrbdInitialSyncStep::inSync)) {
            return Check.ok(res + " is UpToDate/UpToDate on every node");
        }
        if (pair.devices().values().stream().anyMatch(DrbdInitialSyncStep::resyncing)) {
            return Check.ok(res + " is resyncing (not an initial sync; later steps wait for it): " + pair.describe());
        }
        if (pair.devices().values().stream().allMatch(DrbdInitialSyncStep::fresh)) {
            return Check.change("would " + verb(source) + " and wait for UpToDate/UpToDate");
        }
        throw new DuetException(mode == Mode.SKIP ? Reason.REFUSED : Reason.PRECONDITION, "initial sync of " + res
                + (mode == Mode.SKIP ? " (skip: new-current-uuid --clear-bitmap)" : "")
                + " needs fresh metadata on both nodes (Connected, Secondary/Secondary, Inconsistent/Inconsistent); "
                + "state seen: " + pair.describe());
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        var source = env.sources().apply(node);
        String sourceHost = source(ctx);
        boolean isSource = ctx.hostName().equals(sourceHost);
        boolean started = isSource && fresh(source.read(res));
        boolean tuned = false;
        if (started) {
            DrbdVersion v = DrbdProbe.of(node).requireVersion();
            if (mode == Mode.SKIP) {
                node.run(DrbdCommands.clearBitmap(v, res)).orThrow(node.name());
            } else {
                if (tuneRate != null) {
                    node.run(DrbdCommands.tuneResync(v, res, tuneRate)).orThrow(node.name());
                    tuned = true;
                }
                node.run(DrbdCommands.forcePrimary(v, res)).orThrow(node.name());
            }
        }
        var progress = new SyncProgress(res + " initial sync on " + node.name());
        try {
            new DrbdWaiter(source, waits).await(res, StateCondition.upToDateBoth(),
                    d -> progress.update(d, System.nanoTime()).ifPresent(ctx::progress));
        } finally {
            if (tuned) {
                node.run(DrbdCommands.adjust(res)).orThrow(node.name());
            }
        }
        if (started) {
            return Done.changed((mode == Mode.SKIP ? "declared " + res + " in sync without copying "
                    + "(new-current-uuid --clear-bitmap on " + sourceHost + ")" : "forced " + sourceHost
                    + " as sync source of " + res) + "; " + res + " is UpToDate/UpToDate");
        }
        return Done.changed("waited for the initial sync of " + res + " from " + sourceHost
                + ": UpToDate/UpToDate");
    }

    private String verb(String source) {
        return mode == Mode.SKIP ? "declare " + res + " in sync without copying (new-current-uuid --clear-bitmap on "
                + source + ")" : "force " + source + " as sync source of " + res;
    }

    private String source(StepContext ctx) {
        String s = sourceArg != null ? sourceArg : ctx.playNodes().keySet().iterator().next();
        if (!ctx.playNodes().containsKey(s)) {
            throw new DuetException(Reason.INPUT, "drbd_initial_sync: source '" + s + "' is not a host of this play ("
                    + String.join(", ", ctx.playNodes().keySet()) + ")");
        }
        return s;
    }

    static boolean fresh(Optional<Device> d) {
        return d.isPresent() && d.get().isInconsistent() && d.get().isSecondary()
                && d.get().peer().map(p -> p.isEstablished() && p.isInconsistent() && p.isSecondary()).orElse(false);
    }

    private static boolean inSync(Optional<Device> d) {
        return d.map(Device::isUpToDateOnBoth).orElse(false);
    }

    private static boolean resyncing(Optional<Device> d) {
        return d.map(Device::isResyncing).orElse(false);
    }
}
