package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import java.util.Optional;

/**
 * Where a wait reads DRBD state from, on one node. The polling implementation runs a status command
 * per read ({@link StatusCommandSource}); an event-driven one (a streaming {@code drbdsetup events2})
 * opens a {@link StateWatch} for each wait and answers from the latest folded state without a round trip.
 */
public interface StateSource {
    /** The node this source watches (for messages). */
    String nodeName();

    /** The resource's first volume as this node sees it now; empty when the resource is not up. */
    Optional<Device> read(String resource);

    /** A kernel log line proving a split brain on this node, if there is one. */
    default Optional<String> splitBrainEvidence() {
        return Optional.empty();
    }

    /** Follows the resource for one wait; by default each read is a {@link #read} of this source. */
    default StateWatch watch(String resource) {
        return StateWatch.polling(this, resource);
    }
}
