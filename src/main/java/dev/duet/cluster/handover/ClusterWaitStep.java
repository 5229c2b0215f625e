package dev.duet.cluster.handover;

import dev.duet.cluster.status.ClusterProbe;
import dev.duet.cluster.status.ClusterStatus;
import dev.duet.cluster.status.FailedAction;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Check: read {@code crm_mon} once and say what is not yet so. Act: clean up the named resources'
 * failed actions through Pacemaker ({@code crm_resource --cleanup}, never a promote or mount of
 * Duet's own), then poll the parsed status until the condition holds. Stops early when a start or
 * promote of a named resource fails again after the cleanup: Pacemaker will not retry it by itself.
 */
public final class ClusterWaitStep implements Step {
    static final Duration POLL = Duration.ofSeconds(2);

    private final List<String> promoted;
    private final List<String> started;
    private final boolean stonith;
    private final List<String> nodes;
    private final Duration timeout;

    public ClusterWaitStep(List<String> promoted, List<String> started, boolean stonith, List<String> nodes,
                           Duration timeout) {
        this.promoted = promoted;
        this.started = started;
        this.stonith = stonith;
        this.nodes = nodes;
        this.timeout = timeout;
    }

    private ClusterCondition condition(StepContext ctx) {
        return new ClusterCondition(nodes.isEmpty() ? List.copyOf(ctx.playNodes().keySet()) : nodes, promoted, started, stonith);
    }

    @Override
    public Check check(StepContext ctx) {
        ClusterCondition cond = condition(ctx);
        ClusterStatus s = read(ctx.node(), ctx.checkMode());
        List<String> unmet = s == null ? List.of("Pacemaker not installed") : cond.unmet(s);
        List<FailedAction> failed = s == null ? List.of() : cond.failures(s);
        if (unmet.isEmpty() && failed.isEmpty()) {
            return Check.ok(cond.describe());
        }
        String cleanup = failed.isEmpty() ? "" : "clean up " + String.join(", ", failed.stream().map(FailedAction::describe).toList())
                + " through Pacemaker and ";
        return Check.change("would " + cleanup + "wait until " + cond.describe() + "; now: " + String.join("; ", unmet));
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        ClusterCondition cond = condition(ctx);
        ClusterStatus first = read(node, false);
        List<String> cleaned = cleanup(node, cond, first);
        if (cleaned.isEmpty() && cond.unmet(first).isEmpty()) {
            return Done.unchanged(cond.describe());
        }
        Set<String> before = new LinkedHashSet<>();
        AtomicReference<ClusterStatus> last = new AtomicReference<>(first);
        long start = System.nanoTime();
        try {
            Awaitility.await(cond.describe()).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .pollInSameThread().until(() -> {
                        ClusterStatus s = read(node, false);
                        last.set(s);
                        for (FailedAction f : cond.failures(s)) {
                            if (!cleaned.isEmpty() && (f.task() != null && (f.task().equals("start") || f.task().equals("promote")))
                                    && before.add(f.describe())) {
                                throw new DuetException(Reason.PRECONDITION, node.name() + ": " + f.describe()
                                        + " failed again after `crm_resource --cleanup`; Pacemaker will not retry it."
                                        + " Look at the agent's log on " + f.node() + ", fix the cause, then run again");
                            }
                        }
                        return cond.unmet(s).isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, node.name() + ": timed out after " + timeout.toSeconds()
                    + " s waiting for " + cond.describe() + "; last seen: " + String.join("; ", cond.unmet(last.get()))
                    + failures(cond, last.get()));
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return Done.changed((cleaned.isEmpty() ? "" : "cleaned up " + String.join(", ", cleaned) + " through Pacemaker; ")
                + cond.describe() + " after " + seconds + " s");
    }

    private static String failures(ClusterCondition cond, ClusterStatus s) {
        List<FailedAction> f = cond.failures(s);
        return f.isEmpty() ? "" : "; failed actions: " + String.join(", ", f.stream().map(FailedAction::describe).toList());
    }

    private static List<String> cleanup(Node node, ClusterCondition cond, ClusterStatus s) {
        Set<String> owners = new LinkedHashSet<>();
        cond.failures(s).forEach(f -> owners.add(cond.owner(s, f)));
        List<String> done = new ArrayList<>();
        for (String id : owners) {
            var r = node.run(Command.change("crm_resource", "--cleanup", "--resource", id));
            if (!r.ok()) {
                throw new CommandFailedException(node.name(), r);
            }
            done.add(id);
        }
        return done;
    }

    /** Null only in check mode when crm_mon is not installed yet (a fresh node in plan). */
    private static ClusterStatus read(Node node, boolean checkMode) {
        var s = ClusterProbe.read(node);
        if (s.isEmpty()) {
            if (checkMode) {
                return null;
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": crm_mon not found: Pacemaker is not installed");
        }
        return s.get();
    }
}
