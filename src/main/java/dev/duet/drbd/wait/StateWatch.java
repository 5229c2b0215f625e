package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import java.time.Duration;
import java.util.Optional;

/**
 * One resource followed for the length of a wait: {@link DrbdWaiter} reads it until its condition holds,
 * pausing {@link #nextPoll} between reads. A polling watch runs a command per read; an event-driven
 * one answers from memory and asks to be read often. Closed when the wait ends.
 */
public interface StateWatch extends AutoCloseable {
    /** The resource's first volume now; empty when it is not up. */
    Optional<Device> read();

    /** The pause before the next read, given the configured poll interval. */
    Duration nextPoll(Duration configured);

    @Override
    void close();

    /** Reads {@code source} on every poll. */
    static StateWatch polling(StateSource source, String resource) {
        return new StateWatch() {
            @Override
            public Optional<Device> read() {
                return source.read(resource);
            }

            @Override
            public Duration nextPoll(Duration configured) {
                return configured;
            }

            @Override
            public void close() {
            }
        };
    }
}
