package dev.duet.bench;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.drbd.parse.Events2Folder;
import dev.duet.drbd.parse.Format;
import dev.duet.drbd.parse.StatusParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Parser throughput and memory, run by {@code scripts/bench/parse} (not a unit test: its figures depend
 * on the machine). Prints one {@code NAME VALUE} line per measurement for the script to judge, and fails
 * (exit 3) when a parse gives a wrong result, so a fast but wrong parser never passes.
 * <pre>
 *   java -cp target/classes:target/test-classes:DEPS dev.duet.bench.ParseBench [MINORS] [EVENTS2_LINES] [stream]
 * </pre>
 * Without {@code stream}: throughput (the events2 lines are made beforehand so only folding is timed).
 * With {@code stream}: memory only, lines made one at a time as a live stream arrives, so that under a
 * small {@code -Xmx} only the folder's own memory counts.
 */
public final class ParseBench {
    private static final String[] REPLICATION = {"SyncSource", "Established", "PausedSyncS", "Established"};
    private static final String[] CONNECTION = {"Connecting", "Connected", "NetworkFailure", "Connected"};

    private ParseBench() {
    }

    public static void main(String[] args) {
        int minors = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (args.length > 2 && args[2].equals("stream")) {
            events2Stream(minors, events);
        } else {
            procDrbd(minors);
            events2Throughput(minors, events);
        }
    }

    /** A /proc/drbd with {@code minors} devices, every third one resyncing (progress and finish lines). */
    static String syntheticProcDrbd(int minors) {
        var sb = new StringBuilder("version: 8.4.11 (api:1/proto:86-101)\nsrcversion: B536C32A3EADA868561EFD9\n");
        for (int m = 0; m < minors; m++) {
            boolean syncing = m % 3 == 0;
            sb.append(String.format(Locale.ROOT, "%3d: cs:%s ro:Primary/Secondary ds:UpToDate/%s C r-----%n", m,
                    syncing ? "SyncSource" : "Connected", syncing ? "Inconsistent" : "UpToDate"));
            sb.append(String.format(Locale.ROOT, "    ns:%d nr:0 dw:0 dr:%d al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f "
                    + "oos:%d%n", 1000 + m, 1000 + m, syncing ? 153800 + m : 0));
            if (syncing) {
                sb.append("\t[=======>............] sync'ed: 42.2% (153800/262100)K\n");
                sb.append("\tfinish: 0:00:44 speed: 3,448 (3,384) K/sec\n");
            }
        }
        return sb.toString();
    }

    private static void procDrbd(int minors) {
        String text = syntheticProcDrbd(minors);
        long lines = text.lines().count();
        long first = System.nanoTime();
        StatusParser.parse(text, Format.PROC_DRBD);
        double firstMs = (System.nanoTime() - first) / 1e6;
        int rounds = 200;
        long start = System.nanoTime();
        DrbdStatus s = null;
        for (int i = 0; i < rounds; i++) {
            s = StatusParser.parse(text, Format.PROC_DRBD);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(s.devices().size() == minors, "proc_drbd: expected " + minors + " devices, got " + s.devices().size());
        check(s.skipped().isEmpty(), "proc_drbd: expected no skipped lines, got " + s.skipped());
        Device d3 = s.devices().get(3);
        Peer p3 = d3.peer().orElseThrow();
        check(Long.valueOf(153803).equals(d3.outOfSyncKiB()) && "SyncSource".equals(p3.rawState())
                && Double.valueOf(42.2).equals(p3.syncPercent()) && Long.valueOf(44).equals(p3.etaSeconds()),
                "proc_drbd: minor 3 expected SyncSource oos:153803 42.2% eta 44 s, got " + d3);
        print("proc_drbd_minors", minors);
        print("proc_drbd_lines", lines);
        print("proc_drbd_first_parse_ms", firstMs);
        print("proc_drbd_parses_per_s", rounds / seconds);
        print("proc_drbd_lines_per_s", rounds * lines / seconds);
    }

    /** Change line {@code i} of a stream over {@code resources} resources; each kind of object in turn. */
    static String changeLine(int i, int resources) {
        int r = i % resources;
        int k = (i / resources) % 4;
        String ts = "2026-11-22T01:" + twoDigits(i / 60_000_000 % 60) + ":" + twoDigits(i / 1_000_000 % 60) + "."
                + (1_000_000 + i % 1_000_000 + "").substring(1) + "+00:00 ";
        return ts + switch (k) {
            case 0 -> "change peer-device name:r" + r + " peer-node-id:1 conn-name:peer volume:0 replication:"
                    + REPLICATION[(i / resources / 4) % 4] + " peer-disk:Inconsistent done:" + (i % 1000) / 10.0
                    + " out-of-sync:" + (1_000_000 - i) + " eta:" + (i % 90);
            case 1 -> "change connection name:r" + r + " peer-node-id:1 conn-name:peer connection:"
                    + CONNECTION[(i / resources / 4) % 4] + " role:Secondary";
            case 2 -> "change device name:r" + r + " volume:0 minor:" + r + " disk:UpToDate client:no quorum:yes";
            default -> "change resource name:r" + r + " role:Primary may_promote:no promotion_score:10101";
        };
    }

    private static void events2Throughput(int resources, int changes) {
        // Throughput: lines made beforehand, so only folding is timed. The first pass runs with a cold JIT,
        // as a CLI run does; the second shows the steady state.
        String[] lines = new String[changes];
        for (int i = 0; i < changes; i++) {
            lines[i] = changeLine(i, resources);
        }
        double firstPass = foldSeconds(lines, resources, changes);
        double warmPass = foldSeconds(lines, resources, changes);
        print("events2_resources", resources);
        print("events2_lines", changes);
        print("events2_first_pass_lines_per_s", changes / firstPass);
        print("events2_warm_lines_per_s", changes / warmPass);
    }

    private static void events2Stream(int resources, int changes) {
        resetPeaks();
        Events2Folder folder = created(resources);
        for (int i = 0; i < changes; i++) {
            folder.accept(changeLine(i, resources));
        }
        long peak = peakHeap();
        System.gc();
        long retained = usedHeap();
        DrbdStatus s = folder.current();
        check(s.devices().size() == resources, "events2: expected " + resources + " devices, got " + s.devices().size());
        checkLastPeerDevice(s, changes, resources);
        check(folder.understoodLines() == changes + 1 + 4 * resources,
                "events2: expected every line understood, skipped " + s.skipped());
        print("events2_stream_lines", changes);
        print("events2_stream_peak_heap_mb", peak / 1048576.0);
        print("events2_retained_heap_after_gc_mb", retained / 1048576.0);
        print("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /** A folder that has seen the {@code --now} dump of {@code resources} resources. */
    private static Events2Folder created(int resources) {
        var folder = new Events2Folder();
        for (int r = 0; r < resources; r++) {
            folder.accept("exists resource name:r" + r + " role:Secondary suspended:no");
            folder.accept("exists device name:r" + r + " volume:0 minor:" + r + " disk:Inconsistent");
            folder.accept("exists connection name:r" + r + " peer-node-id:1 conn-name:peer connection:StandAlone");
            folder.accept("exists peer-device name:r" + r + " peer-node-id:1 conn-name:peer volume:0 replication:Off");
        }
        folder.accept("exists -");
        check(folder.initialStateComplete(), "events2: `exists -` not seen as the end of the dump");
        return folder;
    }

    private static double foldSeconds(String[] lines, int resources, int changes) {
        Events2Folder folder = created(resources);
        long start = System.nanoTime();
        for (String line : lines) {
            folder.accept(line);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(folder.understoodLines() == changes + 1 + 4 * resources,
                "events2: expected every line understood, skipped " + folder.current().skipped());
        checkLastPeerDevice(folder.current(), changes, resources);
        return seconds;
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static void checkLastPeerDevice(DrbdStatus s, int changes, int resources) {
        for (int i = changes - 1; i >= 0; i--) {
            if ((i / resources) % 4 == 0) {
                String name = "r" + (i % resources);
                Peer p = s.device(name).orElseThrow().peer().orElseThrow();
                String want = REPLICATION[(i / resources / 4) % 4];
                check(want.equals(p.replication()), "events2: " + name + " expected replication " + want + ", got " + p);
                return;
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound (pools peak at different moments). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            System.err.println("ParseBench: wrong result: " + message);
            System.exit(3);
        }
    }

    private static void print(String name, double value) {
        System.out.println(name + " " + String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.2f", value));
    }
}
