package dev.duet.engine;

import dev.duet.inventory.Host;
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
    /** The node for a task's own {@code become:} (null: the play's); set by the runner. */
    Function<Boolean, Node> becomeNode = b -> null;
    /** The play's effective become for this host. */
    Boolean playBecome;

    HostRun(Host host, Node node, TimedNode timed) {
        this.host = host;
        this.node = node;
        this.timed = timed;
    }

    /** The node a task runs on: this one, unless the task's {@code become:} differs from the play's. */
    Node nodeFor(Boolean taskBecome) {
        if (taskBecome == null || taskBecome.equals(playBecome)) {
            return node;
        }
        Node other = becomeNode.apply(taskBecome);
        return other == null ? node : other;
    }
}
