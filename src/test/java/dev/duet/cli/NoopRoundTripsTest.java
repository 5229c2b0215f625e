package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A no-op run of the lab playbook on a healthy pair (embedded SSH hosts scripted from lab captures):
 * how many remote commands each host receives. The count does not move with machine load, so it is the
 * figure to hold for {@code apply} and for {@code plan}: the target is at most 15 per host; since every
 * check names its likely reads, it is 2 (fact gathering, then one batch of every check's reads), and
 * this test holds that.
 */
class NoopRoundTripsTest {
    static final int MAX_COMMANDS_PER_HOST = 2;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @Test
    void noOpApplyAndPlanSendTwoCommandsPerHost() {
        Path inv = HealthyPair.script(pair, dir);
        CliRun first = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString());
        assertThat(first.exit()).as(first.toString()).isZero();

        int[] before = pair.both().stream().mapToInt(h -> HealthyPair.execs(h).size()).toArray();
        CliRun again = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        for (FakeSshHost h : pair.both()) {
            assertThat(again.recap(h.name(), "changed")).as(again.toString()).isZero();
        }
        report("apply", before);

        int[] beforePlan = pair.both().stream().mapToInt(h -> HealthyPair.execs(h).size()).toArray();
        CliRun plan = CliRun.of("plan", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString());
        assertThat(plan.exit()).as(plan.toString()).isZero();
        for (FakeSshHost h : pair.both()) {
            assertThat(plan.recap(h.name(), "changed")).as(plan.toString()).isZero();
        }
        report("plan", beforePlan);
    }

    private void report(String what, int[] before) {
        int i = 0;
        for (FakeSshHost h : pair.both()) {
            var sent = HealthyPair.execs(h).subList(before[i++], HealthyPair.execs(h).size());
            System.out.println("[noop " + what + "] " + h.name() + ": " + sent.size() + " remote commands");
            sent.forEach(c -> System.out.println("    " + c));
            assertThat(sent).as("remote commands to %s in a no-op %s", h.name(), what).hasSizeLessThanOrEqualTo(MAX_COMMANDS_PER_HOST);
            // the mount step reads the mount table (the shell's own read in a batch), findmnt would start a process
            assertThat(sent).as("a no-op %s on %s", what, h.name()).noneMatch(c -> c.contains("findmnt"))
                    .anyMatch(c -> c.contains("cat /proc/self/mountinfo"));
        }
    }
}
