package dev.duet.drbd.parse;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /proc/drbd} of DRBD 0.7 ({@code cs: st: ld:}), 8.0-8.2 ({@code cs: st: ds:}) and 8.3/8.4
 * ({@code cs: ro: ds:}). Patterns search within a line rather than anchor it, because real copies glue
 * lines together (a {@code finish:} on the progress line, a device line after the build line).
 */
final class ProcDrbdParser {
    static final Pattern VERSION = Pattern.compile("^version:\\s*(\\S+)");
    static final Pattern DEVICE = Pattern.compile("(?:^|\\s)(\\d+):\\s*cs:(\\S*)(.*)$");
    private static final Pattern COUNTERS = Pattern.compile("(?:^|\\s)ns:\\d+");
    private static final Pattern OOS = Pattern.compile("(?:^|\\s)oos:(\\d+)");
    private static final Pattern PROGRESS = Pattern.compile("(?:sync'ed|verified):\\s*([0-9.]+)%");
    private static final Pattern FINISH = Pattern.compile("finish:\\s*(\\d+):(\\d{1,2}):(\\d{1,2})");
    private static final List<String> IGNORED = List.of("srcversion:", "GIT-hash:", "SVN Revision:",
            "Transports", "drbd driver loaded", "resync:", "act_log:", "finish:", "stalled", "want:", "r-", "[");

    private final List<Device> devices = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private String version;
    private Draft current;
    private boolean recognized;

    private ProcDrbdParser() {
    }

    static DrbdStatus parse(String text) {
        var p = new ProcDrbdParser();
        List<String> lines = Lines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            p.line(i + 1, lines.get(i));
        }
        p.flush();
        if (!p.recognized && !text.isBlank()) {
            throw new StatusParseException("not /proc/drbd output: expected a `version:` line or `N: cs:STATE` "
                    + "device lines, got " + Lines.firstLineQuote(text));
        }
        return new DrbdStatus(Format.PROC_DRBD.id(), p.version, p.devices, p.skipped);
    }

    private void line(int number, String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return;
        }
        Matcher v = VERSION.matcher(t);
        if (v.find()) {
            version = v.group(1);
            recognized = true;
            return;
        }
        Matcher d = DEVICE.matcher(line);
        if (d.find()) {
            flush();
            current = Draft.of(Lines.intOrNull(d.group(1)), d.group(2), d.group(3));
            recognized = true;
            readCounters(line.substring(d.end()));
            return;
        }
        boolean known = readCounters(line);
        if (known && current == null) {
            skipped.add(Lines.skipped(number, line));
        } else if (!known && IGNORED.stream().noneMatch(t::startsWith)) {
            skipped.add(Lines.skipped(number, line));
        }
    }

    /** Counters and progress for the current device; true when the line carried any. */
    private boolean readCounters(String line) {
        boolean known = false;
        if (COUNTERS.matcher(line).find()) {
            known = true;
            Matcher o = OOS.matcher(line);
            if (current != null && o.find()) {
                current.outOfSync = Lines.longOrNull(o.group(1));
            }
        }
        Matcher p = PROGRESS.matcher(line);
        if (p.find()) {
            known = true;
            if (current != null) {
                current.syncPercent = Lines.doubleOrNull(p.group(1));
            }
        }
        Matcher f = FINISH.matcher(line);
        if (f.find()) {
            known = true;
            if (current != null) {
                current.eta = eta(f);
            }
        }
        return known;
    }

    private static Long eta(Matcher f) {
        return Lines.hms(f.group(1), f.group(2), f.group(3));
    }

    private void flush() {
        if (current != null && !current.cs.equals("Unconfigured")) {
            devices.add(current.toDevice());
        }
        current = null;
    }

    /** One device being read: the cs/ro/ds line, then counters and progress lines. */
    private static final class Draft {
        Integer minor;
        String cs;
        String role;
        String peerRole;
        String disk;
        String peerDisk;
        Long outOfSync;
        Double syncPercent;
        Long eta;

        static Draft of(Integer minor, String cs, String rest) {
            var d = new Draft();
            d.minor = minor;
            d.cs = cs;
            for (String token : rest.strip().split("\\s+")) {
                int colon = token.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = token.substring(0, colon);
                String[] pair = token.substring(colon + 1).split("/", 2);
                switch (key) {
                    case "ro", "st" -> {
                        d.role = emptyToNull(pair[0]);
                        d.peerRole = pair.length > 1 ? emptyToNull(pair[1]) : null;
                    }
                    case "ds" -> {
                        d.disk = emptyToNull(pair[0]);
                        d.peerDisk = pair.length > 1 ? emptyToNull(pair[1]) : null;
                    }
                    case "ld" -> d.disk = emptyToNull(pair[0]);
                    default -> { }
                }
            }
            return d;
        }

        Device toDevice() {
            String state = emptyToNull(cs);
            boolean syncing = CsMapping.isReplicationWord(state);
            var peer = new Peer(null, CsMapping.connection(state), CsMapping.replication(state), peerRole, peerDisk,
                    syncing ? syncPercent : null, state, syncing ? eta : null);
            return new Device(null, minor, null, role, disk, List.of(peer), outOfSync, null);
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
