package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.drbd.parse.Events2Folder;
import dev.duet.transport.Command;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's running {@code drbdsetup events2}, folded into its whole current state as lines arrive:
 * the stream first dumps the state (ending with {@code exists -}), then one line per change. Shared by
 * the waits ({@link Events2Watch}, one resource) and {@code duet status --watch} (every resource).
 * The stream runs through {@link Node#stream}, whose SSH channel has a pseudo-terminal so that closing
 * it hangs up the remote command. {@code onChange} runs on the stream's reader thread whenever the
 * folded devices differ from before (never during the initial dump).
 */
public final class Events2Follower implements AutoCloseable {
    /** How often a start re-checks whether the stream died before its dump (old drbdsetup). */
    private static final Duration START_POLL = Duration.ofMillis(25);
    /** Keys of an {@code exists} line that describe state rather than counters. */
    private static final Set<String> STATE_KEYS = Set.of("role", "disk", "connection", "replication", "peer-disk",
            "suspended", "resync-suspended", "client", "quorum");
    private static final Logger LOG = LoggerFactory.getLogger(Events2Follower.class);

    private final String nodeName;
    private final Command command;
    private final Runnable onChange;
    private final Events2Folder folder = new Events2Folder();
    private final CountDownLatch dumped = new CountDownLatch(1);
    private final Map<String, Peer> lastPeers = new HashMap<>();
    private volatile DrbdStatus latest;
    private LineStream stream;

    private Events2Follower(String nodeName, Command command, Runnable onChange) {
        this.nodeName = nodeName;
        this.command = command;
        this.onChange = onChange;
    }

    /**
     * Starts {@code command} (an events2 stream) and waits up to {@code startTimeout} for its initial dump.
     * Empty (stream closed, reason logged) when the node cannot stream, the command ends first, or the
     * dump does not come in time; {@code whyNot} then receives the reason.
     */
    public static Optional<Events2Follower> start(Node node, Command command, Duration startTimeout,
                                                  Runnable onChange, java.util.function.Consumer<String> whyNot) {
        var follower = new Events2Follower(node.name(), command, onChange);
        Optional<LineStream> stream = node.stream(command, follower::accept);
        if (stream.isEmpty()) {
            whyNot.accept("this connection cannot stream");
            return Optional.empty();
        }
        follower.stream = stream.get();
        if (follower.awaitDump(startTimeout)) {
            return Optional.of(follower);
        }
        String reason = follower.stream.isOpen() ? "no initial state within " + startTimeout.toMillis() + " ms"
                : "no initial state: " + follower.stream.endReason();
        LOG.info("{}: `{}` gave {}; polling instead", node.name(), command.line(), reason);
        follower.close();
        whyNot.accept(reason);
        return Optional.empty();
    }

    private boolean awaitDump(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!dumped.await(START_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
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
    private void accept(String line) {
        boolean changed;
        synchronized (this) {
            folder.accept(line);
            if (!folder.initialStateComplete()) {
                return;
            }
            changed = refold();
        }
        boolean first = dumped.getCount() > 0;
        dumped.countDown();
        if (changed && !first) {
            onChange.run();
        }
    }

    /** Recomputes the state; true when the devices differ from the last one. */
    private boolean refold() {
        DrbdStatus folded = folder.current();
        List<Device> devices = new ArrayList<>();
        folded.devices().forEach(d -> devices.add(keepStandAlone(d)));
        DrbdStatus now = new DrbdStatus(folded.format(), folded.version(), devices, folded.skipped());
        boolean changed = latest == null || !latest.devices().equals(now.devices());
        latest = now;
        return changed;
    }

    /**
     * DRBD 8.4 reports a disconnect as {@code connection:StandAlone} followed by {@code destroy connection}
     * (a fresh {@code --now} dump still lists it as StandAlone): a device left without a connection after
     * a StandAlone one is StandAlone, not "no news".
     */
    private Device keepStandAlone(Device d) {
        String key = d.resource() + "/" + d.volume();
        if (d.peer().isPresent()) {
            lastPeers.put(key, d.peer().get());
            return d;
        }
        Peer lastPeer = lastPeers.get(key);
        if (lastPeer == null || !lastPeer.isStandAlone()) {
            return d;
        }
        Peer standAlone = new Peer(lastPeer.name(), "StandAlone", null, "Unknown", "DUnknown", null, "StandAlone");
        return new Device(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), List.of(standAlone),
                d.outOfSyncKiB(), d.sizeKiB());
    }

    /** The state folded so far (after the initial dump). */
    public DrbdStatus current() {
        return latest;
    }

    /**
     * Folds the counters (out-of-sync, done, eta, size...) of a {@code drbdsetup events2 --now --statistics}
     * dump into the followed state, without its state words: a dump read just before a streamed change
     * must not undo that change. True when the devices changed.
     */
    public synchronized boolean absorbStatistics(String nowDump) {
        for (String line : nowDump.split("\n")) {
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length < 3 || !tokens[0].equals("exists")
                    || !(tokens[1].equals("device") || tokens[1].equals("peer-device"))) {
                continue;
            }
            StringBuilder change = new StringBuilder("change ").append(tokens[1]);
            for (int i = 2; i < tokens.length; i++) {
                int colon = tokens[i].indexOf(':');
                if (colon > 0 && !STATE_KEYS.contains(tokens[i].substring(0, colon))) {
                    change.append(' ').append(tokens[i]);
                }
            }
            folder.accept(change.toString());
        }
        return refold();
    }

    public String nodeName() {
        return nodeName;
    }

    /** False once the remote command ended or the connection dropped: {@link #current()} stops updating. */
    public boolean isOpen() {
        return stream != null && stream.isOpen();
    }

    /** Why the stream ended ("closed" when closed here); empty while open. */
    public String endReason() {
        return stream == null ? "not started" : stream.endReason();
    }

    /** The command followed, as it is shown to users. */
    public String commandLine() {
        return command.line();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
