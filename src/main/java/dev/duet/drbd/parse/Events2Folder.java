package dev.duet.drbd.parse;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds {@code drbdsetup events2} lines into the current state. Usable on a live stream:
 * <pre>
 *   var folder = new Events2Folder();
 *   folder.accept(line);              // for each line as it arrives
 *   DrbdStatus now = folder.current();
 *   folder.initialStateComplete();    // true once the `exists -` line that ends the --now dump was seen
 * </pre>
 * Handles {@code --now} dumps, {@code create/change/destroy} streams, {@code --timestamps} (a leading
 * timestamp), {@code --statistics} (extra keys) and {@code --diff} ({@code key:old->new}). Not thread-safe:
 * feed it from one thread.
 */
public final class Events2Folder {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\S+");
    private static final List<String> VERBS = List.of("exists", "create", "change", "destroy", "call", "response");
    private static final List<String> OBJECTS = List.of("resource", "connection", "device", "peer-device", "path",
            "helper");

    private final Map<String, ResourceDraft> resources = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private int lineNumber;
    private int understood;
    private boolean initialStateComplete;

    /** Feeds one line (without its line break). Lines that are not events2 are listed in skipped. */
    public void accept(String rawLine) {
        lineNumber++;
        String line = Lines.clean(rawLine).strip();
        if (line.isEmpty()) {
            return;
        }
        if (!apply(line.split("\\s+"))) {
            skipped.add(Lines.skipped(lineNumber, rawLine));
        } else {
            understood++;
        }
    }

    /** The state folded so far. */
    public DrbdStatus current() {
        var devices = new ArrayList<Device>();
        resources.values().forEach(r -> devices.addAll(r.toDevices(false)));
        return new DrbdStatus(Format.EVENTS2.id(), null, devices, skipped);
    }

    /** True once the {@code exists -} line that ends the initial {@code --now} dump was seen. */
    public boolean initialStateComplete() {
        return initialStateComplete;
    }

    /** Number of lines understood so far (a parse of text with none is not events2). */
    public int understoodLines() {
        return understood;
    }

    /** Folds a whole text (a saved {@code --now} dump or stream). */
    public static DrbdStatus fold(String text) {
        var folder = fed(text);
        if (folder.understood == 0 && !text.isBlank()) {
            throw new StatusParseException("not `drbdsetup events2` output: expected `exists|create|change|destroy "
                    + "OBJECT name:...` lines, got " + Lines.firstLineQuote(text));
        }
        return folder.current();
    }

    /** Whether a text holds a whole {@code --now} dump: the {@code exists -} line that ends it is there. */
    public static boolean wholeDump(String text) {
        return fed(text).initialStateComplete();
    }

    private static Events2Folder fed(String text) {
        var folder = new Events2Folder();
        for (Lines.Numbered n : Lines.joined(text)) {
            folder.lineNumber = n.number() - 1;
            folder.accept(n.text());
        }
        return folder;
    }

    private boolean apply(String[] tokens) {
        int i = 0;
        if (TIMESTAMP.matcher(tokens[0]).matches()) {
            i++;
        }
        if (tokens.length < i + 2 || !VERBS.contains(tokens[i])) {
            return false;
        }
        String verb = tokens[i];
        String object = tokens[i + 1];
        if (object.equals("-")) {
            initialStateComplete |= verb.equals("exists");
            return verb.equals("exists");
        }
        if (!OBJECTS.contains(object)) {
            return false;
        }
        Map<String, String> kv = keyValues(tokens, i + 2);
        String name = kv.get("name");
        if (name == null) {
            return false;
        }
        if (verb.equals("call") || verb.equals("response") || object.equals("path") || object.equals("helper")) {
            return true;
        }
        if (verb.equals("destroy")) {
            destroy(object, name, kv);
        } else {
            update(object, resources.computeIfAbsent(name, ResourceDraft::new), kv);
        }
        return true;
    }

    private static Map<String, String> keyValues(String[] tokens, int from) {
        var kv = new HashMap<String, String>();
        for (int i = from; i < tokens.length; i++) {
            int colon = tokens[i].indexOf(':');
            if (colon > 0) {
                String value = tokens[i].substring(colon + 1);
                int arrow = value.lastIndexOf("->");
                kv.put(tokens[i].substring(0, colon), arrow >= 0 ? value.substring(arrow + 2) : value);
            }
        }
        return kv;
    }

    private static String connectionKey(Map<String, String> kv) {
        String id = kv.get("peer-node-id");
        return id != null ? id : kv.getOrDefault("conn-name", "");
    }

    private void update(String object, ResourceDraft r, Map<String, String> kv) {
        switch (object) {
            case "resource" -> r.role = kv.getOrDefault("role", r.role);
            case "device" -> {
                ResourceDraft.Volume v = r.volume(kv.getOrDefault("volume", ""));
                v.minor = kv.containsKey("minor") ? Lines.intOrNull(kv.get("minor")) : v.minor;
                v.disk = kv.getOrDefault("disk", v.disk);
                v.size = kv.containsKey("size") ? Lines.longOrNull(kv.get("size")) : v.size;
            }
            case "connection" -> {
                ResourceDraft.Connection c = connection(r, kv);
                c.connection = kv.getOrDefault("connection", c.connection);
                c.role = kv.getOrDefault("role", c.role);
            }
            case "peer-device" -> {
                ResourceDraft.PeerVolume pv = ResourceDraft.peerVolume(connection(r, kv),
                        kv.getOrDefault("volume", ""));
                pv.replication = kv.getOrDefault("replication", pv.replication);
                pv.peerDisk = kv.getOrDefault("peer-disk", pv.peerDisk);
                pv.outOfSync = kv.containsKey("out-of-sync") ? Lines.longOrNull(kv.get("out-of-sync")) : pv.outOfSync;
                pv.eta = kv.containsKey("eta") ? Lines.longOrNull(kv.get("eta")) : null;
                // done: is only printed while a resync runs; once it stops, the old figure is stale.
                pv.done = kv.containsKey("done") ? Lines.doubleOrNull(kv.get("done"))
                        : CsMapping.isReplicationWord(pv.replication) ? pv.done : null;
            }
            default -> { }
        }
    }

    private static ResourceDraft.Connection connection(ResourceDraft r, Map<String, String> kv) {
        ResourceDraft.Connection c = r.connections.computeIfAbsent(connectionKey(kv),
                k -> new ResourceDraft.Connection());
        c.name = kv.getOrDefault("conn-name", c.name);
        return c;
    }

    private void destroy(String object, String name, Map<String, String> kv) {
        ResourceDraft r = resources.get(name);
        if (r == null) {
            return;
        }
        switch (object) {
            case "resource" -> resources.remove(name);
            case "device" -> r.volumes.remove(kv.getOrDefault("volume", ""));
            case "connection" -> r.connections.remove(connectionKey(kv));
            case "peer-device" -> {
                ResourceDraft.Connection c = r.connections.get(connectionKey(kv));
                if (c != null) {
                    c.peerVolumes.remove(kv.getOrDefault("volume", ""));
                }
            }
            default -> { }
        }
    }
}
