package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.transport.Node;
import java.util.Map;

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

    HostRun(Host host, Node node, TimedNode timed) {
        this.host = host;
        this.node = node;
        this.timed = timed;
    }
}
