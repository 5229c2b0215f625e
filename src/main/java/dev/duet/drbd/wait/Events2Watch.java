package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.Peer;
import dev.duet.drbd.parse.Events2Folder;
import dev.duet.transport.Command;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one resource through a running {@code drbdsetup events2}: the stream first dumps the current
 * state (ending with {@code exists -}), then one line per change, folded as they come. Reads answer
 * from memory, except while a resync runs: events2 prints no progress then, so out-of-sync figures
 * come from the polling source. When the stream ends on its own, every read polls.
 */
final class Events2Watch implements StateWatch {
    static final Command EVENTS2 = Command.probe("drbdsetup", "events2");
    /** How often the waiter re-reads the in-memory state: latency of a reaction, not load on the host. */
    static final Duration MEMORY_POLL = Duration.ofMillis(25);
    private static final Logger LOG = LoggerFactory.getLogger(Events2Watch.class);

    private final String nodeName;
    private final String resource;
    private final StateSource polling;
    private final Events2Folder folder = new Events2Folder();
    private final CountDownLatch dumped = new CountDownLatch(1);
    private final AtomicReference<Optional<Device>> latest = new AtomicReference<>(Optional.empty());
    private Peer lastPeer;
    private LineStream stream;
    private boolean warnedEnded;

    private Events2Watch(String nodeName, String resource, StateSource polling) {
        this.nodeName = nodeName;
        this.resource = resource;
        this.polling = polling;
    }

    /**
     * Starts the stream and waits up to {@code startTimeout} for its initial dump. Empty (stream closed)
     * when the node cannot stream, the command ends first, or the dump does not come in time.
     */
    static Optional<StateWatch> start(Node node, String resource, StateSource polling, Duration startTimeout) {
        var watch = new Events2Watch(node.name(), resource, polling);
        Optional<LineStream> stream = node.stream(EVENTS2, watch::accept);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        watch.stream = stream.get();
        if (watch.awaitDump(startTimeout)) {
            return Optional.of(watch);
        }
        LOG.info("{}: `{}` gave no initial state ({}); polling instead", node.name(), EVENTS2.line(),
                watch.stream.isOpen() ? "nothing within " + startTimeout.toMillis() + " ms" : watch.stream.endReason());
        watch.close();
        return Optional.empty();
    }

    private boolean awaitDump(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // wakes up now and then to notice a stream that ended without a dump (old drbdsetup)
            while (!dumped.await(MEMORY_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!stream.isOpen() || System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called on the stream's reader thread for every line. */
    private synchronized void accept(String line) {
        folder.accept(line);
        if (folder.initialStateComplete()) {
            latest.set(folder.current().device(resource).map(this::keepStandAlone));
            dumped.countDown();
        }
    }

    /**
     * DRBD 8.4 reports a disconnect as {@code connection:StandAlone} followed by {@code destroy connection}
     * (a fresh {@code --now} dump still lists it as StandAlone): a device left without a connection after
     * a StandAlone one is StandAlone, not "no news".
     */
    private Device keepStandAlone(Device d) {
        if (d.peer().isPresent()) {
            lastPeer = d.peer().get();
            return d;
        }
        if (lastPeer == null || !"StandAlone".equals(lastPeer.connection())) {
            return d;
        }
        Peer standAlone = new Peer(lastPeer.name(), "StandAlone", null, "Unknown", "DUnknown", null, "StandAlone");
        return new Device(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), List.of(standAlone),
                d.outOfSyncKiB(), d.sizeKiB());
    }

    @Override
    public Optional<Device> read() {
        if (!stream.isOpen()) {
            if (!warnedEnded) {
                warnedEnded = true;
                LOG.warn("{}: `{}` stopped ({}); polling for the rest of the wait", nodeName, EVENTS2.line(),
                        stream.endReason());
            }
            return polling.read(resource);
        }
        Optional<Device> d = latest.get();
        return resyncing(d) ? polling.read(resource) : d;
    }

    @Override
    public Duration nextPoll(Duration configured) {
        boolean fromMemory = stream.isOpen() && !resyncing(latest.get());
        return fromMemory && MEMORY_POLL.compareTo(configured) < 0 ? MEMORY_POLL : configured;
    }

    private static boolean resyncing(Optional<Device> d) {
        return d.flatMap(Device::peer).map(Peer::replication)
                .map(r -> r.startsWith("Sync") || r.startsWith("PausedSync")).orElse(false);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
