package dev.duet.engine;

import dev.duet.inventory.Host;
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
}
