package dev.duet.drbd.steps;

import dev.duet.drbd.wait.Events2Source;
import dev.duet.drbd.wait.StateSource;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What the DRBD modules share: how to read a node's DRBD state (by default waits follow {@code drbdsetup
 * events2} where the node has it and poll otherwise), how waits poll (each task sets its own timeouts),
 * and the environment secrets may be read from.
 */
public record DrbdEnv(Function<Node, StateSource> sources, WaitOptions waits, Map<String, String> env) {
    public static DrbdEnv defaults() {
        return new DrbdEnv(Events2Source.factory(), WaitOptions.of(Duration.ofMinutes(5), null), System.getenv());
    }
}
