package dev.duet.drbd.wait;

import java.time.Duration;

/**
 * How long to wait: {@code timeout} in total; {@code stallTimeout} (null = none) without progress
 * (out-of-sync not decreasing and no state word changing); {@code standAloneGrace} how long StandAlone
 * must persist before a wait that needs the peer gives up (DRBD passes through StandAlone for a few ms
 * right after {@code up}).
 */
public record WaitOptions(Duration timeout, Duration stallTimeout, Duration pollInterval, Duration standAloneGrace) {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(750);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    public static WaitOptions of(Duration timeout, Duration stallTimeout) {
        return new WaitOptions(timeout, stallTimeout, DEFAULT_POLL, DEFAULT_GRACE);
    }

    /** The same polling behaviour with other limits. */
    public WaitOptions withTimeouts(Duration total, Duration stall) {
        return new WaitOptions(total, stall, pollInterval, standAloneGrace);
    }

    public WaitOptions withPollInterval(Duration poll) {
        return new WaitOptions(timeout, stallTimeout, poll, standAloneGrace);
    }

    public WaitOptions withStandAloneGrace(Duration grace) {
        return new WaitOptions(timeout, stallTimeout, pollInterval, grace);
    }
}
