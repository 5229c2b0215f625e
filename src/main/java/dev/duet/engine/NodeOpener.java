package dev.duet.engine;

import dev.duet.inventory.Host;
import dev.duet.transport.Node;

/** Connects to a host; throws a DuetException with reason UNREACHABLE, HOST_KEY or AUTH when it cannot. */
@FunctionalInterface
public interface NodeOpener {
    Node open(Host host);
}
