package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.Facts;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.SilentHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lab playbook on an inventory of three pairs (a group per pair under drbd_pair), over embedded SSH. */
class ManyPairsOverSshTest {
    @TempDir
    Path dir;
    private final List<FakeSshHost> hosts = new ArrayList<>();

    @AfterEach
    void stop() {
        hosts.forEach(FakeSshHost::close);
    }

    @Test
    void everyPairConvergesOnItsOwnAndTheRecapShowsEveryHost() {
        Path inv = HealthyPair.manyPairs(3, hosts, dir);
        CliRun first = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", "4");
        assertThat(first.exit()).as(first.toString()).isZero();
        CliRun again = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        for (FakeSshHost h : hosts) {
            assertThat(first.recap(h.name(), "failed")).isZero();
            assertThat(again.recap(h.name(), "changed")).as(again.toString()).isZero();
            // each pair's resource names its own two hosts and addresses, nobody else's
            String pair = h.name().substring(0, h.name().indexOf('-'));
            String res = h.fileText("/etc/drbd.d/r0.res");
            assertThat(res).contains("on " + pair + "-1 ", "on " + pair + "-2 ");
            assertThat(res.lines().filter(l -> l.strip().startsWith("on "))).as(res).hasSize(2);
            assertThat(h.sessions()).as("one connection per host and run").isLessThanOrEqualTo(2);
        }
        assertThat(again.out()).contains("[pair_1]", "[pair_2]", "[pair_3]");
    }

    @Test
    void listHostsAndLimitSeeEveryPair() {
        Path inv = HealthyPair.manyPairs(3, hosts, dir);
        CliRun all = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--list-hosts");
        String secondPairsFirst = hosts.get(2).name();
        CliRun limited = CliRun.of("plan", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--list-hosts",
                "--limit", secondPairsFirst);

        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("    hosts (6):");
        hosts.forEach(h -> assertThat(all.out()).contains("      " + h.name() + "\n"));
        assertThat(limited.out()).as(limited.toString()).contains("    hosts (1):\n      " + secondPairsFirst + "\n");
        hosts.forEach(h -> assertThat(h.commands()).as("--list-hosts contacts no host").isEmpty());
    }

    @Test
    void aFailedPairStopsOnlyItself() {
        Path inv = HealthyPair.manyPairs(3, hosts, dir);
        // pair 2's second node calls itself something else: its preflight refuses, for its pair only
        hosts.get(3).on("uname -n", 0, "stranger\n");
        hosts.get(3).on(Facts.COMMAND.line(), 0, "stranger\n6.1.0-18-amd64\ndebian\n\n12\n");
        CliRun run = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.recap("p2-1", "failed") + run.recap("p2-2", "failed")).as(run.toString()).isPositive();
        assertThat(run.recap("p2-1", "changed") + run.recap("p2-2", "changed")).isZero();
        for (String ok : List.of("p1-1", "p1-2", "p3-1", "p3-2")) {
            assertThat(run.recap(ok, "failed")).as(run.toString()).isZero();
            assertThat(run.recap(ok, "changed")).as("%s converged", ok).isPositive();
        }
        assertThat(hosts.get(2).fileText("/etc/drbd.d/r0.res")).as("nothing written on the failed pair").isNull();
        assertThat(hosts.get(3).fileText("/etc/drbd.d/r0.res")).isNull();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aHostThatAcceptsButNeverAnswersStopsOnlyItsPairAfterTheConnectTimeout() {
        try (SilentHost silent = SilentHost.start()) {
            Path inv = HealthyPair.manyPairs(3, hosts, dir, Map.of("p2-2", silent.port()));
            CliRun run = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", "6");

            assertThat(run.exit()).as(run.toString()).isNotZero();
            assertThat(run.recap("p2-2", "unreachable")).as(run.toString()).isEqualTo(1);
            assertThat(run.out() + run.err()).contains("no SSH handshake within 10 s");
            assertThat(run.recap("p2-1", "changed")).as("its pair stopped: nothing changed on its peer").isZero();
            for (String ok : List.of("p1-1", "p1-2", "p3-1", "p3-2")) {
                assertThat(run.recap(ok, "failed") + run.recap(ok, "unreachable")).as(run.toString()).isZero();
                assertThat(run.recap(ok, "changed")).as("%s converged", ok).isPositive();
            }
            assertThat(silent.accepted()).as("connected once, never answered").isEqualTo(1);
        }
    }
}
