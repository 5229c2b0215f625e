package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistTest {
    @Test
    void durationsAreSecondsMinutesOrHoursAsOpenSshWritesThem() {
        assertThat(Persist.parse("60", "--persist")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Persist.parse("60s", "--persist")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Persist.parse("5m", "--persist")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Persist.parse("1H", "--persist")).isEqualTo(Duration.ofHours(1));
        assertThat(Persist.parse("no", "--persist")).isZero();
        assertThat(Persist.parse("0", "--persist")).isZero();
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndNeitherMeansOff() {
        assertThat(Persist.of("30s", "5m")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Persist.of(null, "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Persist.of(null, null)).isZero();
        assertThat(Persist.of(null, " ")).isZero();
    }

    @Test
    void somethingElseIsBadInputNamingWhereItCameFrom() {
        assertThatThrownBy(() -> Persist.of(null, "yes"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("DUET_PERSIST")
                .hasMessageContaining("'yes' is not a duration");
        assertThatThrownBy(() -> Persist.of("-5s", null)).isInstanceOf(InputException.class).hasMessageContaining("--persist");
    }

    @Test
    void theKeeperGetsThisJvmsFlagsButNotItsAgentsOrArchiveDump() {
        List<String> flags = KeeperProcess.jvmFlags(new String[] {"-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/a.jsa",
            "-javaagent:/jacoco.jar", "-XX:ArchiveClassesAtExit=/b.jsa", "-jar", "/duet.jar", "apply", "-v"});

        assertThat(flags).containsExactly("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/a.jsa");
        assertThat(KeeperProcess.jvmFlags(new String[] {"-Xss1m", "-cp", "x", "Main"})).containsExactly("-Xss1m");
    }
}
