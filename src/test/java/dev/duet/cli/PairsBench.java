package dev.duet.cli;

import dev.duet.testing.FakeSshHost;
import dev.duet.testing.SilentHost;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scale benchmark behind {@code scripts/bench/pairs} (not a unit test): the lab playbook's no-op
 * apply on one healthy pair and on N pairs (2N embedded SSH hosts scripted from lab captures, all in
 * this JVM), through the CLI as a user runs it. Prints {@code key value} lines: median wall times, their
 * ratio, the peak heap, the most SSH sessions and remote commands any host saw per run, and one more
 * no-op run of the N pairs in which one host accepts TCP but never answers SSH (its wall time, and
 * whether every other host still finished unchanged). Exit 3 when a run fails. A third argument makes
 * every exec of every host answer that many milliseconds late (then without the silent-host run): with
 * hosts that take time, as real ones do, the ratio shows whether the pairs' waits overlap.
 */
public final class PairsBench {
    private PairsBench() {
    }

    public static void main(String[] args) throws IOException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // how long each host's every exec takes to answer (0: at once, the CPU-bound case)
        Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 0);
        double one = measure(1, runs, "one_pair", latency);
        double many = measure(pairs, runs, "many_pairs", latency);
        System.out.printf("pairs %d%nlatency_ms %d%nratio %.2f%n", pairs, latency.toMillis(), many / one);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak_heap_mib %.1f%n", peak / 1024.0 / 1024.0);
    }

    /** Median wall seconds of a no-op apply on {@code pairs} pairs, after a bootstrapping apply. */
    private static double measure(int pairs, int runs, String key, Duration latency) throws IOException {
        Path dir = Files.createTempDirectory("duet-bench-pairs-");
        List<FakeSshHost> hosts = new ArrayList<>();
        try {
            Path inv = HealthyPair.manyPairs(pairs, hosts, dir, Map.of(), latency);
            String forks = String.valueOf(2 * pairs);
            check(CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", forks), key);
            double[] walls = new double[runs];
            int sessionsBefore = hosts.stream().mapToInt(FakeSshHost::sessions).sum();
            int mostCommands = 0;
            for (int i = 0; i < runs; i++) {
                int[] before = hosts.stream().mapToInt(h -> h.execs().size()).toArray();
                long t0 = System.nanoTime();
                CliRun run = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", forks);
                walls[i] = (System.nanoTime() - t0) / 1e9;
                check(run, key);
                if (Pattern.compile("changed=[1-9]").matcher(run.out()).find()) {
                    throw new IllegalStateException(key + ": a no-op run changed something:\n" + run.out());
                }
                for (int h = 0; h < hosts.size(); h++) {
                    mostCommands = Math.max(mostCommands, hosts.get(h).execs().size() - before[h]);
                }
            }
            int sessions = hosts.stream().mapToInt(FakeSshHost::sessions).sum() - sessionsBefore;
            Arrays.sort(walls);
            double median = walls[runs / 2];
            System.out.printf("%s_hosts %d%n%s_wall_s %.3f%n%s_sessions_per_host_per_run %.2f%n"
                            + "%s_remote_commands_per_host_max %d%n", key, hosts.size(), key, median, key,
                    sessions / (double) hosts.size() / runs, key, mostCommands);
            if (pairs > 1 && latency.isZero()) {
                silentHost(pairs, hosts, dir, forks, key);
            }
            return median;
        } finally {
            hosts.forEach(FakeSshHost::close);
        }
    }

    /**
     * One more no-op run on the converged pairs, the first pair's second host now a port that accepts
     * TCP and never answers: its pair is unreachable, every other host finishes unchanged.
     */
    private static void silentHost(int pairs, List<FakeSshHost> hosts, Path dir, String forks, String key)
            throws IOException {
        try (SilentHost silent = SilentHost.start()) {
            Path silentDir = Files.createDirectories(dir.resolve("silent"));
            // the same hosts, in an inventory where p1-2 points at the silent port
            Path inv = HealthyPair.inventoryOf(hosts, silentDir, Map.of("p1-2", silent.port()));
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("apply", "-i", inv.toString(), HealthyPair.PLAYBOOK.toString(), "--forks", forks);
            double wall = (System.nanoTime() - t0) / 1e9;
            boolean othersFine = hosts.stream().filter(h -> !h.name().startsWith("p1-")).allMatch(h ->
                    run.recap(h.name(), "changed") == 0 && run.recap(h.name(), "failed") == 0
                            && run.recap(h.name(), "unreachable") == 0);
            System.out.printf("%s_one_silent_host_wall_s %.3f%n%s_one_silent_host_unreachable %d%n"
                            + "%s_one_silent_host_others_unchanged %s%n", key, wall, key,
                    run.recap("p1-2", "unreachable"), key, othersFine ? "yes" : "no");
        }
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
