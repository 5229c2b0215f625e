package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.transport.Escalation;
import dev.duet.transport.Node;

/** Connects to a host; throws a DuetException with reason UNREACHABLE, HOST_KEY or AUTH when it cannot. */
@FunctionalInterface
public interface NodeOpener {
    Node open(Host host);

    /**
     * Connects with privilege escalation decided by the play ({@link Become}) instead of the inventory
     * alone. Openers whose nodes have no such switch (test doubles) keep the default.
     */
    default Node open(Host host, boolean become) {
        return open(host);
    }

    /**
     * Connects with the given escalation (a {@code become_user}). The runner asks this only when no open
     * node of the host can switch over its own connection ({@link Node#as}); openers without users keep
     * the default, which becomes root.
     */
    default Node open(Host host, Escalation escalation) {
        return open(host, escalation.become());
    }
}
