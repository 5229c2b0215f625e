package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The time line of {@code status --watch} has one shape, whatever the second. */
class StatusWatchClockTest {
    @Test
    void aDrawOnTheMinuteKeepsItsSeconds() {
        // LocalTime.toString() prints 03:57 here, which the time line's readers (and the watch tests) miss
        assertThat(StatusWatch.clock(LocalTime.of(3, 57, 0))).isEqualTo("03:57:00");
        assertThat(StatusWatch.clock(LocalTime.of(0, 0))).isEqualTo("00:00:00");
    }

    @Test
    void fractionsOfASecondAreLeftOut() {
        assertThat(StatusWatch.clock(LocalTime.of(23, 59, 59, 999_999_999))).isEqualTo("23:59:59");
    }
}
