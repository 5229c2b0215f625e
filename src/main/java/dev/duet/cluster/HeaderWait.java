package dev.duet.cluster;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Node;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until this node reads the SBD header another node is creating on the shared disk. */
final class HeaderWait {
    private final Duration timeout;

    HeaderWait(Duration timeout) {
        this.timeout = timeout;
    }

    void await(Node node, String device, String maker) {
        try {
            Awaitility.await("SBD header on " + device + " seen from " + node.name())
                    .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(MembershipWait.POLL).pollInSameThread()
                    .until(() -> SbdDevice.probe(node, device).kind() == SbdDevice.Kind.HEADER);
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, node.name() + ": timed out after " + timeout.toSeconds()
                    + " s waiting to see the SBD header " + maker + " creates on " + device + "; is " + device
                    + " the same shared disk on both nodes (opened coherently, no cache)?");
        }
    }
}
