package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.playbook.TaskKeywords;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;
import java.util.Map;
import java.util.function.Function;

/** One host during a play: its guarded node, its variables, and whether it is still in the play. */
final class HostRun {
    final Host host;
    final Node node;
    final TimedNode timed;
    Map<String, Object> vars = Map.of();
    boolean stopped;
    /** Remote time already spent on this connection before this play (zero for a new connection). */
    java.time.Duration remoteBefore = java.time.Duration.ZERO;
    /** In check mode: an earlier step would change this host, so later checks may see a state that is not there yet. */
    boolean wouldChangeEarlier;
    /** Results stored by {@code register:}; they outlive the play, as host variables do in Ansible. */
    Map<String, Object> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Which parts of which blocks run on this host. */
    final BlockState blocks = new BlockState();
    /** The node for another escalation than the play's (a task's own become or become_user); set by the runner. */
    Function<Escalation, Node> becomeNode = e -> null;
    /** The play this host is in, which decides who its tasks run as; set by the runner. */
    Plan.PlannedPlay play;
    /** The node of another inventory host, for a task delegated there ({@code delegate_to}); set by the runner. */
    java.util.function.BiFunction<Host, Escalation, Node> delegateNode = (h, e) -> null;
    /** The node as opened, before the runner's wrappers: other escalations share its connection ({@link Node#as}). */
    Node opened;

    HostRun(Host host, Node node, TimedNode timed) {
        this.host = host;
        this.node = node;
        this.timed = timed;
    }

    /** Who a task runs as here ({@link Plan.PlannedPlay#escalation(String, TaskKeywords)}). */
    Escalation escalationFor(TaskKeywords kw) {
        return play == null ? null : play.escalation(host.name(), kw);
    }

    /**
     * The node a task executes on: the delegate's when it is delegated (with the task's escalation, over
     * that host's own connection and connection variables), else this host's ({@link #nodeFor(TaskKeywords)}).
     */
    Node nodeFor(Plan.PlannedTask planned) {
        Host delegate = delegate(planned);
        if (delegate == null) {
            return nodeFor(planned.task().keywords());
        }
        return delegateNode.apply(delegate, escalationFor(planned.task().keywords()));
    }

    /** Whether a task runs on this host's play node itself: not delegated, as the same user as the play. */
    boolean runsOnPlayNode(Plan.PlannedTask planned) {
        return delegate(planned) == null && asPlay(escalationFor(planned.task().keywords()));
    }

    /** The node a task runs on: this one, unless the task's escalation differs from the play's. */
    Node nodeFor(TaskKeywords kw) {
        Escalation wanted = escalationFor(kw);
        if (asPlay(wanted)) {
            return node;
        }
        Node other = becomeNode.apply(wanted);
        return other == null ? node : other;
    }

    /** The host a task is delegated to, or null when it runs here. */
    private Host delegate(Plan.PlannedTask planned) {
        Host delegate = planned.delegates().get(host.name());
        return delegate == null || delegate.name().equals(host.name()) ? null : delegate;
    }

    private boolean asPlay(Escalation wanted) {
        return wanted == null || wanted.equals(play.escalation(host.name()));
    }
}
