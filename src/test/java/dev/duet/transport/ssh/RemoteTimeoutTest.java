package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteTimeoutTest {
    @Test
    void durationsAreWrittenTheWayGnuTimeoutReadsThem() {
        assertThat(RemoteTimeout.seconds(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(RemoteTimeout.seconds(Duration.ofMillis(300))).isEqualTo("0.300s");
        assertThat(RemoteTimeout.seconds(Duration.ofMillis(61_005))).isEqualTo("61.005s");
        assertThat(RemoteTimeout.seconds(Duration.ZERO)).as("0 would disable timeout(1)").isEqualTo("0.001s");
    }

    @Test
    void argvIsKeptWordForWordAfterTheTimeoutPrefix() {
        assertThat(RemoteTimeout.DEFAULT.wrap(List.of("sh", "-c", "echo $1", "sh", "a b"), Duration.ofSeconds(9)))
                .containsExactly("timeout", "-k", "5s", "9s", "sh", "-c", "echo $1", "sh", "a b");
    }

    @Test
    void onlyTheStatusesOfAnEndedCommandCountAsEndedByTheTimeout() {
        assertThat(RemoteTimeout.endedByTimeout(124)).isTrue();
        assertThat(RemoteTimeout.endedByTimeout(137)).isTrue();
        assertThat(RemoteTimeout.endedByTimeout(0)).isFalse();
        assertThat(RemoteTimeout.endedByTimeout(1)).isFalse();
        assertThat(RemoteTimeout.endedByTimeout(-1)).isFalse();
    }

    @Test
    void confirmationWaitCoversTheKillDelay() {
        var t = new RemoteTimeout(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(t.confirmWithin()).isEqualTo(Duration.ofSeconds(10));
    }
}
