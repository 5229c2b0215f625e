package dev.duet.cli;

import dev.duet.testing.FakeSshHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N healthy scripted pairs for runs of the real launcher (for {@code scripts/bench/pairs}, not a unit test):
 * starts 2N embedded SSH hosts scripted from the lab's captures, bootstraps them with one apply, prints
 * {@code inventory PATH}, then serves until its standard input closes. A process of its own, so a run of
 * {@code scripts/duet} is timed as a user times it: JVM start-up included, Duet and the hosts in two
 * processes (still on the same cores).
 */
public final class PairsFixtureMain {
    private PairsFixtureMain() {
    }

    public static void main(String[] args) throws IOException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("duet-bench-fixture-");
        List<FakeSshHost> hosts = new ArrayList<>();
        try {
            Path inv = HealthyPair.manyPairs(pairs, hosts, dir, Map.of());
            CliRun boot = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(),
                    "--forks", String.valueOf(2 * pairs));
            if (boot.exit() != 0) {
                System.out.println(boot.out());
                System.out.println(boot.err());
                System.exit(3);
            }
            System.out.println("inventory " + inv);
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        } finally {
            hosts.forEach(FakeSshHost::close);
        }
    }
}
