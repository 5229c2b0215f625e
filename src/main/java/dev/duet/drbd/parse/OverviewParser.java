package dev.duet.drbd.parse;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drbd-overview} (drbd-utils before 9.6) and the same table printed by the 8.x init script's
 * {@code status}: {@code MINOR:RES[/VOL] CS ROLE/PEER DISK/PEER [PROTO] [FLAGS] [MOUNT FSTYPE ...]}, then an
 * indented progress line while syncing. The two-line form (the disk states and the mount on an indented
 * second line, as drbd-overview prints for long names and as pasted text wraps) is read as one row.
 */
final class OverviewParser {
    static final Pattern LINE = Pattern.compile("^\\s*(\\d+):([^\\s:/]+)(?:/(\\d+))?\\s+([A-Z][\\w()*]*)(.*)$");
    private static final Pattern PROGRESS = Pattern.compile("(?:sync'ed|verified):\\s*([0-9.]+)%");
    private static final Pattern FINISH = Pattern.compile("finish:\\s*(\\d+):(\\d{1,2}):(\\d{1,2})");
    private static final List<String> IGNORED = List.of("m:res", "version:", "GIT-hash:", "srcversion:",
            "drbd driver loaded", "finish:", "[");

    private OverviewParser() {
    }

    static DrbdStatus parse(String text) {
        var devices = new ArrayList<Device>();
        var skipped = new ArrayList<String>();
        List<String> lines = Lines.of(text);
        Row row = null;
        String rowLine = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                addRow(devices, row);
                row = Row.of(m);
                rowLine = line;
                continue;
            }
            if (rowLine != null && row.disks[0] == null && isSecondLine(line)) {
                Matcher whole = LINE.matcher(rowLine.stripTrailing() + " " + t);
                if (whole.find()) {
                    row = Row.of(whole);
                    rowLine = null;
                    continue;
                }
            }
            Matcher p = PROGRESS.matcher(line);
            if (p.find() && row != null) {
                row.percent = Lines.doubleOrNull(p.group(1));
                Matcher f = FINISH.matcher(line);
                if (f.find()) {
                    row.eta = Lines.hms(f.group(1), f.group(2), f.group(3));
                }
            } else if (IGNORED.stream().noneMatch(t::startsWith)) {
                skipped.add(Lines.skipped(i + 1, line));
            }
        }
        addRow(devices, row);
        if (devices.isEmpty() && skipped.size() > 0 && lines.stream().noneMatch(l -> LINE.matcher(l).find())) {
            throw new StatusParseException("not drbd-overview output: expected `MINOR:RESOURCE CSTATE ROLE/PEER "
                    + "DISK/PEER` lines, got " + Lines.firstLineQuote(text));
        }
        return new DrbdStatus(Format.DRBD_OVERVIEW.id(), null, devices, skipped);
    }

    /** An indented line that is not a progress line: the rest of a row whose disk states are missing. */
    private static boolean isSecondLine(String line) {
        String t = line.strip();
        return Character.isWhitespace(line.charAt(0)) && !t.startsWith("[") && !PROGRESS.matcher(t).find()
                && !FINISH.matcher(t).find();
    }

    private static void addRow(List<Device> devices, Row row) {
        if (row != null && !row.cs.equals("Unconfigured")) {
            devices.add(row.toDevice());
        }
    }

    private static final class Row {
        Integer minor;
        String resource;
        Integer volume;
        String cs;
        String[] roles = new String[2];
        String[] disks = new String[2];
        Double percent;
        Long eta;

        static Row of(Matcher m) {
            var r = new Row();
            r.minor = Lines.intOrNull(m.group(1));
            r.resource = m.group(2);
            r.volume = Lines.intOrNull(m.group(3));
            r.cs = m.group(4);
            String[] rest = m.group(5).strip().split("\\s+");
            // DRBD 9's drbd-overview prints "Secondary(2*)" for several peers: kept whole as the local role.
            if (rest.length > 0 && !rest[0].isEmpty()) {
                r.roles = pair(rest[0]);
            }
            if (rest.length > 1) {
                r.disks = pair(rest[1]);
            }
            return r;
        }

        private static String[] pair(String token) {
            String[] p = token.split("/", 2);
            return new String[] {p[0].isEmpty() ? null : p[0], p.length > 1 && !p[1].isEmpty() ? p[1] : null};
        }

        Device toDevice() {
            boolean syncing = CsMapping.isReplicationWord(cs);
            var peer = new Peer(null, CsMapping.connection(cs), CsMapping.replication(cs), roles[1], disks[1],
                    syncing ? percent : null, cs, syncing ? eta : null);
            return new Device(resource, minor, volume, roles[0], disks[0], List.of(peer), null, null);
        }
    }
}
