package dev.duet.cluster;

import dev.duet.cluster.status.ClusterProbe;
import dev.duet.cluster.status.CorosyncMembership;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until corosync's parsed membership on a node lists every wanted member. */
final class MembershipWait {
    static final Duration POLL = Duration.ofSeconds(1);
    private final Duration timeout;

    MembershipWait(Duration timeout) {
        this.timeout = timeout;
    }

    CorosyncMembership await(Node node, List<String> names) {
        AtomicReference<Optional<CorosyncMembership>> last = new AtomicReference<>(Optional.empty());
        try {
            Awaitility.await("corosync members " + names + " on " + node.name())
                    .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread()
                    .until(() -> {
                        Optional<CorosyncMembership> m = ClusterProbe.membership(node);
                        last.set(m);
                        return m.isPresent() && m.get().names().containsAll(names);
                    });
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, node.name() + ": timed out after " + timeout.toSeconds()
                    + " s waiting for corosync members " + String.join(", ", names) + "; last membership seen: "
                    + last.get().map(m -> m.names().isEmpty() ? "none" : String.join(", ", m.names())
                            + (m.quorate() ? " (quorate)" : " (not quorate)"))
                    .orElse("corosync not answering (corosync-quorumtool -s)")
                    + "; check that corosync runs on every node and that the ring addresses reach each other");
        }
        return last.get().orElseThrow();
    }
}
