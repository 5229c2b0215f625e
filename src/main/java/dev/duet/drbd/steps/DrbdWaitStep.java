package dev.duet.drbd.steps;

import dev.duet.drbd.wait.DeviceText;
import dev.duet.drbd.wait.DrbdWaiter;
import dev.duet.drbd.wait.StateCondition;
import dev.duet.drbd.wait.SyncProgress;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * Waits on this host for a DRBD state. In check mode it never waits: OK when the state already holds,
 * SKIP ("would wait for ...") otherwise. A split pair fails fast instead of waiting out the timeout.
 */
final class DrbdWaitStep implements Step {
    private final String res;
    private final StateCondition condition;
    private final WaitOptions waits;
    private final List<String> onlyOn;
    private final DrbdEnv env;

    DrbdWaitStep(String res, StateCondition condition, WaitOptions waits, List<String> onlyOn, DrbdEnv env) {
        this.res = res;
        this.condition = condition;
        this.waits = waits;
        this.onlyOn = onlyOn;
        this.env = env;
    }

    @Override
    public Check check(StepContext ctx) {
        if (!onlyOn.isEmpty() && !onlyOn.contains(ctx.hostName())) {
            return Check.skip("not waiting on " + ctx.hostName() + " (nodes: " + String.join(", ", onlyOn) + ")");
        }
        var d = env.sources().apply(ctx.node()).read(res);
        if (condition.test(d)) {
            return Check.ok(res + " " + condition.describe() + " (" + DeviceText.words(d) + ")");
        }
        if (condition.needsPeer() && d.isPresent()) {
            PairView.read(ctx, env, res).refuseSplitBrain(ctx, env);
        }
        String what = "wait for " + res + " " + condition.describe() + " (now " + DeviceText.describe(d) + ")";
        return ctx.checkMode() ? Check.skip("would " + what) : Check.change(what);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        // A wait for UpToDate is usually a resync: show it as a progress bar like the initial sync.
        var progress = new SyncProgress(res + " on " + ctx.node().name());
        var d = new DrbdWaiter(env.sources().apply(ctx.node()), waits).await(res, condition,
                d2 -> progress.update(d2, System.nanoTime()).ifPresent(ctx::progress));
        return Done.changed("waited for " + res + " " + condition.describe() + " (" + DeviceText.words(Optional.of(d))
                + ")");
    }
}
