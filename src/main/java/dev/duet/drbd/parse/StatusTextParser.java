package dev.duet.drbd.parse;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code drbdadm status} and {@code drbdsetup status [--verbose --statistics]} of DRBD 8.4 and 9. Keys are
 * read by meaning, not by indentation or line, because drbdsetup wraps its lines at 80 columns when stdout
 * is not a terminal (over SSH) and the continuation can land on any line.
 */
final class StatusTextParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+\\-]+");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    private final List<ResourceDraft> resources = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private ResourceDraft res;
    private ResourceDraft.Volume volume;
    private ResourceDraft.Connection conn;
    private ResourceDraft.PeerVolume peerVolume;

    private StatusTextParser() {
    }

    static DrbdStatus parse(String text) {
        var p = new StatusTextParser();
        for (Lines.Numbered n : Lines.joined(text)) {
            if (!n.text().isBlank() && !p.line(n.text())) {
                p.skipped.add(Lines.skipped(n.number(), n.text()));
            }
        }
        if (p.resources.isEmpty() && !text.isBlank()) {
            throw new StatusParseException("not `drbdadm status` output: expected `RESOURCE role:ROLE` lines, got "
                    + Lines.firstLineQuote(text));
        }
        var devices = new ArrayList<Device>();
        p.resources.forEach(r -> devices.addAll(r.toDevices(true)));
        return new DrbdStatus(Format.DRBDADM_STATUS.id(), null, devices, p.skipped);
    }

    /** Reads one line; false when nothing on it was understood. */
    private boolean line(String line) {
        String[] tokens = line.strip().split("\\s+");
        boolean indented = Character.isWhitespace(line.charAt(0));
        int start = 0;
        if (isHeader(tokens)) {
            if (!indented && tokens[1].startsWith("role:")) {
                res = new ResourceDraft(tokens[0]);
                resources.add(res);
                volume = null;
                conn = null;
            } else if (indented && res != null) {
                conn = new ResourceDraft.Connection();
                conn.name = tokens[0];
                res.connections.put(tokens[0], conn);
                peerVolume = null;
            } else {
                return false;
            }
            start = 1;
        }
        if (res == null) {
            return false;
        }
        boolean understood = start == 1;
        for (int i = start; i < tokens.length; i++) {
            int colon = tokens[i].indexOf(':');
            if (colon > 0 && KEY.matcher(tokens[i].substring(0, colon)).matches()) {
                understood |= token(tokens[i].substring(0, colon), tokens[i].substring(colon + 1));
            }
        }
        return understood;
    }

    private static boolean isHeader(String[] tokens) {
        return tokens.length >= 2 && tokens[0].indexOf(':') < 0 && NAME.matcher(tokens[0]).matches()
                && tokens[1].indexOf(':') > 0;
    }

    private boolean token(String key, String value) {
        if (value.isEmpty()) {
            return false;
        }
        return conn == null ? resourceToken(key, value) : connectionToken(key, value);
    }

    private boolean resourceToken(String key, String value) {
        switch (key) {
            case "role" -> res.role = value;
            case "volume" -> volume = res.volume(value);
            case "minor" -> currentVolume().minor = Lines.intOrNull(value);
            case "disk" -> currentVolume().disk = value;
            case "size" -> currentVolume().size = Lines.longOrNull(value);
            default -> {
                return true;
            }
        }
        return true;
    }

    private boolean connectionToken(String key, String value) {
        switch (key) {
            case "role" -> conn.role = value;
            case "connection" -> conn.connection = value;
            case "volume" -> peerVolume = ResourceDraft.peerVolume(conn, value);
            case "replication" -> currentPeerVolume().replication = value;
            case "peer-disk" -> currentPeerVolume().peerDisk = value;
            // DRBD 9's user guide prints the peer's disk as `disk:` on the indented peer-device line.
            case "disk" -> {
                if (currentPeerVolume().peerDisk == null) {
                    currentPeerVolume().peerDisk = value;
                }
            }
            case "done" -> currentPeerVolume().done = Lines.doubleOrNull(value);
            case "out-of-sync" -> currentPeerVolume().outOfSync = Lines.longOrNull(value);
            case "eta" -> currentPeerVolume().eta = Lines.longOrNull(value);
            default -> {
                return true;
            }
        }
        return true;
    }

    private ResourceDraft.Volume currentVolume() {
        if (volume == null) {
            volume = res.volume("");
        }
        return volume;
    }

    private ResourceDraft.PeerVolume currentPeerVolume() {
        if (peerVolume == null) {
            peerVolume = ResourceDraft.peerVolume(conn, "");
        }
        return peerVolume;
    }
}
