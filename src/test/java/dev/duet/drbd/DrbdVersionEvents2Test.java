package dev.duet.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrbdVersionEvents2Test {
    @Test
    void events2NeedsKernel846AndUtils893() {
        assertThat(DrbdVersion.parse("8.4.11").withUtils("9.22.0").hasEvents2()).isTrue();
        assertThat(DrbdVersion.parse("8.4.6").withUtils("8.9.3").hasEvents2()).isTrue();
        assertThat(DrbdVersion.parse("9.2.4").withUtils("9.25.0").hasEvents2()).isTrue();
        assertThat(DrbdVersion.parse("8.4.5").withUtils("9.22.0").hasEvents2()).isFalse();
        assertThat(DrbdVersion.parse("8.4.11").withUtils("8.9.2").hasEvents2()).isFalse();
        assertThat(DrbdVersion.parse("8.3.16").withUtils("8.3.16").hasEvents2()).isFalse();
    }

    @Test
    void unknownUtilsMeansPolling() {
        assertThat(DrbdVersion.parse("9.2.4").hasEvents2()).isFalse();
    }
}
