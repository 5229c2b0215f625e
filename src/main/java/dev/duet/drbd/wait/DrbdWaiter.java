package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a {@link StateCondition} on one node, reading a {@link StateSource}. Gives up early when
 * the condition can no longer come true by itself: the peer connection StandAlone (split brain when the
 * kernel log says so) or no progress for the stall timeout. Every failure says what was awaited, on
 * which node, and the last state seen.
 */
public final class DrbdWaiter {
    private final StateSource source;
    private final WaitOptions options;
    private final Supplier<Optional<String>> giveUp;

    public DrbdWaiter(StateSource source, WaitOptions options) {
        this(source, options, Optional::empty);
    }

    private DrbdWaiter(StateSource source, WaitOptions options, Supplier<Optional<String>> giveUp) {
        this.source = source;
        this.options = options;
        this.giveUp = giveUp;
    }

    /**
     * The same wait, that also stops (PRECONDITION) as soon as {@code reason} says why the state can no
     * longer come (e.g. the peer's part of a reconnect failed), checked on every poll.
     */
    public DrbdWaiter failingFastWhen(Supplier<Optional<String>> reason) {
        return new DrbdWaiter(source, options, reason);
    }

    public Device await(String resource, StateCondition condition) {
        return await(resource, condition, d -> { });
    }

    /** Returns the device state that satisfied the condition; {@code onState} sees every state read. */
    public Device await(String resource, StateCondition condition, Consumer<Device> onState) {
        var watch = new Watch(resource, condition, onState);
        // An event-driven view answers from memory and asks for frequent reads; a polling one keeps the
        // configured interval. Either way the timeouts, stall and StandAlone checks below are the same.
        try (StateWatch view = source.watch(resource)) {
            watch.view = view;
            Awaitility.await("DRBD " + resource + " " + condition.describe() + " on " + source.nodeName())
                    .atMost(options.timeout())
                    .pollDelay(Duration.ZERO)
                    .pollInterval((n, previous) -> view.nextPoll(options.pollInterval()))
                    .pollInSameThread()
                    .until(watch::poll);
        } catch (ConditionTimeoutException e) {
            throw new DuetException(Reason.TIMEOUT, source.nodeName() + ": timed out after "
                    + seconds(options.timeout()) + " waiting for " + resource + " " + condition.describe()
                    + "; last state seen: " + DeviceText.describe(watch.last.get()));
        }
        return watch.last.get().orElseThrow();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The state of one wait between polls. */
    private final class Watch {
        private final String resource;
        private final StateCondition condition;
        private final Consumer<Device> onState;
        private final AtomicReference<Optional<Device>> last = new AtomicReference<>(Optional.empty());
        private StateWatch view;
        private long lastProgressNanos = System.nanoTime();
        private String lastWords;
        private Long bestOos;
        private Long standAloneSince;

        Watch(String resource, StateCondition condition, Consumer<Device> onState) {
            this.resource = resource;
            this.condition = condition;
            this.onState = onState;
        }

        boolean poll() {
            long now = System.nanoTime();
            Optional<Device> d = view.read();
            last.set(d);
            d.ifPresent(onState);
            if (condition.test(d)) {
                return true;
            }
            Optional<String> hopeless = giveUp.get();
            if (hopeless.isPresent()) {
                throw new DuetException(Reason.PRECONDITION, source.nodeName() + ": stopped waiting for " + resource
                        + " " + condition.describe() + " because " + hopeless.get() + "; state: "
                        + DeviceText.describe(d));
            }
            checkStandAlone(d, now);
            checkStall(d, now);
            return false;
        }

        private void checkStandAlone(Optional<Device> d, long now) {
            boolean standAlone = d.map(Device::isStandAlone).orElse(false);
            if (!standAlone || !condition.needsPeer()) {
                standAloneSince = null;
                return;
            }
            if (standAloneSince == null) {
                standAloneSince = now;
                return;
            }
            if (now - standAloneSince < options.standAloneGrace().toNanos()) {
                return;
            }
            String seen = DeviceText.describe(d);
            Optional<String> evidence = source.splitBrainEvidence();
            if (evidence.isPresent()) {
                throw new DuetException(Reason.SPLIT_BRAIN, source.nodeName() + ": split brain on " + resource
                        + " (kernel log: \"" + evidence.get() + "\") while waiting for " + condition.describe()
                        + "; state: " + seen + ". Recover with `duet recover --discard NODE`, naming the node "
                        + "whose changes are to be thrown away.");
            }
            throw new DuetException(Reason.PRECONDITION, source.nodeName() + ": " + resource
                    + " is StandAlone (it will not connect by itself) while waiting for " + condition.describe()
                    + "; state: " + seen);
        }

        private void checkStall(Optional<Device> d, long now) {
            String words = DeviceText.words(d);
            Long oos = d.map(Device::outOfSyncKiB).orElse(null);
            boolean progressed = !words.equals(lastWords) || (oos != null && (bestOos == null || oos < bestOos));
            lastWords = words;
            if (oos != null && (bestOos == null || oos < bestOos)) {
                bestOos = oos;
            }
            if (progressed) {
                lastProgressNanos = now;
                return;
            }
            Duration stall = options.stallTimeout();
            if (stall != null && now - lastProgressNanos >= stall.toNanos()) {
                throw new DuetException(Reason.TIMEOUT, source.nodeName() + ": stalled: no progress for "
                        + seconds(stall) + " waiting for " + resource + " " + condition.describe()
                        + (bestOos == null ? "" : " (out-of-sync stuck at " + bestOos + " KiB)")
                        + "; last state seen: " + DeviceText.describe(d));
            }
        }
    }
}
