package dev.duet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.SilentHost;
import dev.duet.transport.ssh.BareSshFloor;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

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
                floor(hosts, runs, key);
                silentHost(pairs, hosts, dir, forks, key);
            }
            return median;
        } finally {
            hosts.forEach(FakeSshHost::close);
        }
    }

    /**
     * The same hosts' SSH work with nothing of Duet around it ({@link BareSshFloor}), all at once, median of
     * {@code runs}: the lines each host got in one more no-op run of Duet, and the files that run probed over
     * SFTP (from its log). What no change to Duet's engine can take away on this fixture and machine.
     */
    private static void floor(List<FakeSshHost> hosts, int runs, String key) throws IOException {
        int[] before = hosts.stream().mapToInt(h -> h.execs().size()).toArray();
        String logged = commandLogOf(() -> check(CliRun.of("apply", "-i",
                HealthyPair.inventoryOf(hosts, Files.createTempDirectory("duet-floor-"), Map.of()).toString(),
                HealthyPair.PLAYBOOK.toString(), "--forks", String.valueOf(hosts.size())), key));
        List<BareSshFloor> floors = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        List<List<String>> files = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            FakeSshHost host = hosts.get(h);
            floors.add(new BareSshFloor(host.address(), host.port(), "root", host.clientKey().toString()));
            lines.add(List.copyOf(host.execs().subList(before[h], host.execs().size())));
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host.name()) + " sftp probe (\\S+):")
                    .matcher(logged);
            List<String> probed = new ArrayList<>();
            while (m.find()) {
                probed.add(m.group(1));
            }
            files.add(probed);
        }
        double[] walls = new double[runs];
        try {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                BareSshFloor.runAll(floors, lines, files);
                walls[i] = (System.nanoTime() - t0) / 1e9;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Arrays.sort(walls);
        System.out.printf("%s_floor_wall_s %.3f%n%s_floor_commands_per_host %d%n%s_floor_sftp_files_per_host %d%n",
                key, walls[runs / 2], key, lines.get(0).size(), key, files.get(0).size());
    }

    private interface Run {
        void run() throws IOException;
    }

    /** What {@code run} logged to {@code duet.commands} (which the tests' logging leaves off), a message a line. */
    private static String commandLogOf(Run run) throws IOException {
        Logger commands = (Logger) LoggerFactory.getLogger("duet.commands");
        Level level = commands.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        commands.addAppender(appender);
        commands.setLevel(Level.INFO);
        try {
            run.run();
        } finally {
            commands.detachAppender(appender);
            commands.setLevel(level);
        }
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
            text.append(e.getFormattedMessage()).append('\n');
        }
        return text.toString();
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
