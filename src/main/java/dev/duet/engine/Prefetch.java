package dev.duet.engine;

import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.List;

/**
 * The host facts nearly every check half asks for, read in the same round trip as the gathered facts at
 * the start of a play: node name, the DRBD kernel module's view and the drbd-utils version. Through a
 * {@link CachedNode} they are then answered from memory until the first act.
 */
final class Prefetch {
    static final List<Command> HOST_FACTS = List.of(Command.probe("uname", "-n"), DrbdCommands.PROC_DRBD,
            DrbdCommands.UTILS_VERSION);

    private Prefetch() {
    }

    static void warm(Node node) {
        List<Command> all = new java.util.ArrayList<>(List.of(Facts.command()));
        all.addAll(HOST_FACTS);
        node.runAll(all);
    }
}
