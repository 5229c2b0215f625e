package dev.duet.cli;

import dev.duet.cluster.status.ClusterStatus;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.drbd.probe.LiveStatus;
import dev.duet.drbd.wait.Events2Follower;
import dev.duet.error.DuetException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status --watch} knows about one node: followed through its {@code drbdsetup events2} stream
 * when the node answered through events2 (its DRBD version has it), else polled every interval. A stream
 * that does not start or breaks makes the node polled for the rest of the watch, said once on stderr.
 * Mounts and Pacemaker's view are not in events2: a followed node's are re-read each interval. Used by one
 * thread.
 */
final class NodeFeed {
    private final String host;
    private final LivePair pair;
    private final Runnable onChange;
    private final PrintWriter err;
    private final Duration interval;
    private Events2Follower follower;
    private NodeStatus polled;
    private List<String> mounts = List.of();
    private ClusterStatus cluster;
    private boolean gaveUp;
    private Long statisticsReadAt;

    NodeFeed(String host, LivePair pair, Runnable onChange, PrintWriter err, Duration interval) {
        this.host = host;
        this.pair = pair;
        this.onChange = onChange;
        this.err = err;
        this.interval = interval;
    }

    /** Once per interval: polls a node that is not followed (and starts following it when it can). */
    void tick() {
        if (follower != null && !follower.isOpen()) {
            fallBack("`" + follower.commandLine() + "` stopped (" + follower.endReason() + ")");
        }
        if (follower == null) {
            polled = pair.gather(host);
            if (!gaveUp && polled.result() != null && polled.result().source() == LiveStatus.Source.EVENTS2) {
                mounts = polled.mounts();
                cluster = polled.cluster();
                follower = pair.follow(host, onChange, why -> fallBack("cannot follow `"
                        + LivePair.EVENTS2_STREAM.line() + "` (" + why + ")")).orElse(null);
            }
            return;
        }
        try {
            mounts = pair.mounts(host);
            cluster = pair.cluster(host);
        } catch (DuetException e) {
            // the stream will end too; until then the DRBD state it shows is still the latest known
            mounts = List.of();
        }
    }

    /**
     * While a followed node resyncs, reads its counters at most once per {@code every}: events2 of DRBD
     * 8.4 reports no progress. True when something shown changed.
     */
    boolean refreshProgress(long nowNanos, Duration every) {
        if (!following() || !resyncing(follower.current())
                || (statisticsReadAt != null && nowNanos - statisticsReadAt < every.toNanos())) {
            return false;
        }
        statisticsReadAt = nowNanos;
        try {
            Optional<String> dump = pair.statistics(host);
            return dump.isPresent() && follower.absorbStatistics(dump.get());
        } catch (DuetException e) {
            return false;
        }
    }

    /** True when a followed node resyncs (the watch then wakes up for its progress). */
    boolean resyncing() {
        return following() && resyncing(follower.current());
    }

    boolean following() {
        return follower != null && follower.isOpen();
    }

    /**
     * The node as shown now: the folded stream when followed (after it ended, its last state until the
     * next interval notices), else the last poll.
     */
    NodeStatus now() {
        if (follower != null) {
            return NodeStatus.of(new LiveStatus.Result(host, follower.current(), LiveStatus.Source.EVENTS2), mounts)
                    .withCluster(cluster);
        }
        return polled;
    }

    /** "node1 events2 stream" or "node2 every 2s", for the watch's header line. */
    String how() {
        return host + (following() ? " events2 stream" : " every " + interval.toSeconds() + "s");
    }

    private void fallBack(String why) {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        if (!gaveUp) {
            gaveUp = true;
            err.println("duet status: " + host + ": " + why + "; polling every " + interval.toSeconds()
                    + "s instead");
            err.flush();
        }
    }

    private static boolean resyncing(DrbdStatus s) {
        return s != null && s.devices().stream().flatMap(d -> d.peers().stream()).map(Peer::replication)
                .anyMatch(r -> r != null && (r.startsWith("Sync") || r.startsWith("PausedSync")));
    }
}
