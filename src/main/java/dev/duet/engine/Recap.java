package dev.duet.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-host counters, as Ansible's PLAY RECAP. */
public final class Recap {
    /** Counters for one host. */
    public static final class Counts {
        private final Map<Status, Integer> counts = new java.util.EnumMap<>(Status.class);
        private int rescued;
        private int ignored;

        void add(Status s) {
            counts.merge(s, 1, Integer::sum);
        }

        public int get(Status s) {
            return counts.getOrDefault(s, 0);
        }

        void addAll(Counts other) {
            other.counts.forEach((s, n) -> counts.merge(s, n, Integer::sum));
            rescued += other.rescued;
            ignored += other.ignored;
        }

        /**
         * Ansible's {@code ok=}: every task that succeeded, changed or not (its stats count both), and
         * every ignored failure (Ansible counts those ok and ignored).
         */
        public int ok() {
            return get(Status.OK) + get(Status.CHANGED) + ignored;
        }

        /** Blocks whose rescue caught a failure on this host. */
        public int rescued() {
            return rescued;
        }

        /** Failures of tasks with ignore_errors. */
        public int ignored() {
            return ignored;
        }
    }

    private final Map<String, Counts> hosts = new LinkedHashMap<>();

    public synchronized void host(String host) {
        hosts.computeIfAbsent(host, h -> new Counts());
    }

    /** Counts a result; an ignored failure counts as ignored (a rescued one is counted by {@link #rescued}). */
    public synchronized void record(StepResult r) {
        Counts c = hosts.computeIfAbsent(r.host(), h -> new Counts());
        if (r.ignored() && r.status() == Status.FAILED) {
            c.ignored++;
        } else {
            c.add(r.status());
        }
    }

    /** A block's rescue took over after {@code r} failed on its host: Ansible counts it rescued, not failed. */
    public synchronized void rescued(StepResult r) {
        hosts.computeIfAbsent(r.host(), h -> new Counts()).rescued++;
    }

    /** Adds another run's hosts (another pair's), in its order. */
    public synchronized void addAll(Recap other) {
        other.hosts().forEach((h, c) -> hosts.computeIfAbsent(h, x -> new Counts()).addAll(c));
    }

    public synchronized Map<String, Counts> hosts() {
        return new LinkedHashMap<>(hosts);
    }

    public synchronized int total(Status s) {
        return hosts.values().stream().mapToInt(c -> c.get(s)).sum();
    }

    /** 0 all fine, 3 some host unreachable, 2 some host failed (failure wins over unreachable). */
    public synchronized int exitCode() {
        if (total(Status.FAILED) > 0) {
            return 2;
        }
        return total(Status.UNREACHABLE) > 0 ? 3 : 0;
    }

    /**
     * Ansible's default callback line, byte for byte without colour: the host padded to 26, then
     * {@code name=%-4s} fields joined by spaces (so the line ends in spaces, as Ansible's does), where
     * {@code ok} counts changed tasks too: {@code ok=2    changed=1    unreachable=0 ...}.
     */
    public static String line(String host, Counts c) {
        return String.format("%-26s : %s %s %s %s %s %s %s", host,
                field("ok", c.ok()), field("changed", c.get(Status.CHANGED)),
                field("unreachable", c.get(Status.UNREACHABLE)), field("failed", c.get(Status.FAILED)),
                field("skipped", c.get(Status.SKIPPED)), field("rescued", c.rescued()), field("ignored", c.ignored()));
    }

    private static String field(String name, int n) {
        return String.format("%s=%-4s", name, n);
    }
}
