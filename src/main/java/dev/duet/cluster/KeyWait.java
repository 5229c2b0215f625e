package dev.duet.cluster;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.StepContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until the key-maker holds an authkey: the task runs on both hosts at once, and the copy can only
 * be taken once the key-maker's own act half has generated it.
 */
final class KeyWait {
    private final Duration timeout;

    KeyWait(Duration timeout) {
        this.timeout = timeout;
    }

    Authkey.Source await(StepContext ctx) {
        AtomicReference<Optional<Authkey.Source>> seen = new AtomicReference<>(Optional.empty());
        try {
            Awaitility.await("authkey on " + Authkey.maker(ctx))
                    .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(MembershipWait.POLL).pollInSameThread()
                    .until(() -> {
                        seen.set(Authkey.source(ctx));
                        return seen.get().isPresent();
                    });
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, ctx.hostName() + ": timed out after " + timeout.toSeconds()
                    + " s waiting for " + Authkey.maker(ctx) + " to generate " + Authkey.PATH
                    + " (the corosync task on " + Authkey.maker(ctx) + " makes it; did it fail there?)");
        }
        return seen.get().orElseThrow();
    }
}
