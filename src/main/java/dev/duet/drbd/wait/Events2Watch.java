package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.Peer;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one resource through a running {@code drbdsetup events2} ({@link Events2Follower}). Reads answer
 * from memory, except while a resync runs: events2 prints no progress then, so out-of-sync figures
 * come from the polling source. When the stream ends on its own, every read polls.
 */
final class Events2Watch implements StateWatch {
    static final Command EVENTS2 = DrbdCommands.EVENTS2_FOLLOW;
    /** How often the waiter re-reads the in-memory state: latency of a reaction, not load on the host. */
    static final Duration MEMORY_POLL = Duration.ofMillis(25);
    private static final Logger LOG = LoggerFactory.getLogger(Events2Watch.class);

    private final String nodeName;
    private final String resource;
    private final StateSource polling;
    private final Events2Follower follower;
    private boolean warnedEnded;

    private Events2Watch(String nodeName, String resource, StateSource polling, Events2Follower follower) {
        this.nodeName = nodeName;
        this.resource = resource;
        this.polling = polling;
        this.follower = follower;
    }

    /**
     * Starts the stream and waits up to {@code startTimeout} for its initial dump. Empty (stream closed)
     * when the node cannot stream, the command ends first, or the dump does not come in time.
     */
    static Optional<StateWatch> start(Node node, String resource, StateSource polling, Duration startTimeout) {
        return Events2Follower.start(node, EVENTS2, startTimeout, () -> { }, why -> { })
                .map(f -> new Events2Watch(node.name(), resource, polling, f));
    }

    private Optional<Device> latest() {
        return follower.current().device(resource);
    }

    @Override
    public Optional<Device> read() {
        if (!follower.isOpen()) {
            if (!warnedEnded) {
                warnedEnded = true;
                LOG.warn("{}: `{}` stopped ({}); polling for the rest of the wait", nodeName, EVENTS2.line(),
                        follower.endReason());
            }
            return polling.read(resource);
        }
        Optional<Device> d = latest();
        return resyncing(d) ? polling.read(resource) : d;
    }

    @Override
    public Duration nextPoll(Duration configured) {
        boolean fromMemory = follower.isOpen() && !resyncing(latest());
        return fromMemory && MEMORY_POLL.compareTo(configured) < 0 ? MEMORY_POLL : configured;
    }

    private static boolean resyncing(Optional<Device> d) {
        return d.flatMap(Device::peer).map(Peer::isSyncing).orElse(false);
    }

    @Override
    public void close() {
        follower.close();
    }
}
