package dev.duet.cli;

import dev.duet.testing.FakeSshHost;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scale benchmark behind {@code scripts/bench/pairs} (not a unit test): the lab playbook's no-op
 * apply on one healthy pair and on N pairs (2N embedded SSH hosts scripted from lab captures, all in
 * this JVM), through the CLI as a user runs it. Prints {@code key value} lines: median wall times, their
 * ratio, the peak heap, and the most SSH sessions any host saw per run. Exit 3 when a run fails.
 */
public final class PairsBench {
    private PairsBench() {
    }

    public static void main(String[] args) throws IOException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double one = measure(1, runs, "one_pair");
        double many = measure(pairs, runs, "many_pairs");
        System.out.printf("pairs %d%nratio %.2f%n", pairs, many / one);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak_heap_mib %.1f%n", peak / 1024.0 / 1024.0);
    }

    /** Median wall seconds of a no-op apply on {@code pairs} pairs, after a bootstrapping apply. */
    private static double measure(int pairs, int runs, String key) throws IOException {
        Path dir = Files.createTempDirectory("duet-bench-pairs-");
        List<FakeSshHost> hosts = new ArrayList<>();
        try {
            Path inv = pairs == 1 ? onePair(hosts, dir) : HealthyPair.manyPairs(pairs, hosts, dir);
            String forks = String.valueOf(2 * pairs);
            check(CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", forks), key);
            double[] walls = new double[runs];
            int sessionsBefore = hosts.stream().mapToInt(FakeSshHost::sessions).sum();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                CliRun run = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", forks);
                walls[i] = (System.nanoTime() - t0) / 1e9;
                check(run, key);
                if (java.util.regex.Pattern.compile("changed=[1-9]").matcher(run.out()).find()) {
                    throw new IllegalStateException(key + ": a no-op run changed something:\n" + run.out());
                }
            }
            int sessions = hosts.stream().mapToInt(FakeSshHost::sessions).sum() - sessionsBefore;
            Arrays.sort(walls);
            double median = walls[runs / 2];
            System.out.printf("%s_hosts %d%n%s_wall_s %.3f%n%s_sessions_per_host_per_run %.2f%n", key, hosts.size(),
                    key, median, key, sessions / (double) hosts.size() / runs);
            return median;
        } finally {
            hosts.forEach(FakeSshHost::close);
        }
    }

    private static Path onePair(List<FakeSshHost> hosts, Path dir) {
        return HealthyPair.manyPairs(1, hosts, dir);
    }

    private static void check(CliRun run, String key) {
        if (run.exit() != 0) {
            System.out.println(run.out());
            System.out.println(run.err());
            System.out.println(key + "_failed exit " + run.exit());
            System.exit(3);
        }
    }
}
