package dev.duet.engine;

import java.time.Duration;

/**
 * Wall time of one task across the pair, and the longest time any one host spent in remote commands
 * during it (hosts run in parallel). Their difference is what Duet itself cost.
 */
public record PhaseTiming(String task, Duration wall, Duration remote) {
    public Duration overhead() {
        Duration d = wall.minus(remote);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
