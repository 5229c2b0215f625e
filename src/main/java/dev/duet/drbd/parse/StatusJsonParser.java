package dev.duet.drbd.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code drbdsetup status --json} (DRBD 9 only): an array of resources with {@code devices} and
 * {@code connections[].peer_devices}. drbd-utils before 9.6 printed a bare {@code nan} for
 * {@code percent-in-sync}, which is not JSON; it is read as null.
 */
final class StatusJsonParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAN = Pattern.compile("(?<=[:\\[,]\\s{0,20})-?nan(?=\\s*[,}\\]])",
            Pattern.CASE_INSENSITIVE);

    private StatusJsonParser() {
    }

    static DrbdStatus parse(String text) {
        if (text.isBlank()) {
            return new DrbdStatus(Format.STATUS_JSON.id(), null, List.of(), List.of());
        }
        JsonNode root = read(NAN.matcher(text.replace("\u0000", "")).replaceAll("null"), text);
        if (root.isObject()) {
            root = MAPPER.createArrayNode().add(root);
        }
        if (!root.isArray()) {
            throw new StatusParseException("not `drbdsetup status --json` output: expected a JSON array of "
                    + "resources, got a JSON " + root.getNodeType().name().toLowerCase());
        }
        var devices = new ArrayList<Device>();
        var skipped = new ArrayList<String>();
        int index = 0;
        for (JsonNode res : root) {
            String name = text(res, "name");
            if (!res.isObject() || name == null) {
                skipped.add("resource " + index + ": no \"name\"");
            } else {
                devices.addAll(resource(res, name).toDevices(false));
            }
            index++;
        }
        return new DrbdStatus(Format.STATUS_JSON.id(), null, devices, skipped);
    }

    private static JsonNode read(String json, String original) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null) {
                throw new StatusParseException("not `drbdsetup status --json` output: no JSON value");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new StatusParseException("not `drbdsetup status --json` output: invalid JSON" + where
                    + " (expected an array of resources), input starts with " + Lines.firstLineQuote(original));
        }
    }

    private static ResourceDraft resource(JsonNode res, String name) {
        var r = new ResourceDraft(name);
        r.role = text(res, "role");
        for (JsonNode d : array(res, "devices")) {
            ResourceDraft.Volume v = r.volume(key(d.get("volume")));
            v.minor = integer(d, "minor");
            v.disk = text(d, "disk-state");
            v.size = number(d, "size");
        }
        for (JsonNode c : array(res, "connections")) {
            var conn = new ResourceDraft.Connection();
            conn.name = text(c, "name");
            conn.connection = text(c, "connection-state");
            conn.role = text(c, "peer-role");
            JsonNode pds = c.has("peer_devices") ? c.get("peer_devices") : c.get("peer-devices");
            for (JsonNode pd : pds == null || !pds.isArray() ? List.<JsonNode>of() : pds) {
                ResourceDraft.PeerVolume pv = ResourceDraft.peerVolume(conn, key(pd.get("volume")));
                pv.replication = text(pd, "replication-state");
                pv.peerDisk = text(pd, "peer-disk-state");
                pv.outOfSync = number(pd, "out-of-sync");
                // percent-in-sync is always printed; like done: in the text status it only means
                // progress while a resync or verify runs.
                pv.done = CsMapping.isReplicationWord(pv.replication) ? decimal(pd, "percent-in-sync") : null;
            }
            String key = c.has("peer-node-id") ? key(c.get("peer-node-id")) : String.valueOf(r.connections.size());
            r.connections.put(key, conn);
        }
        return r;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode a = n.get(field);
        return a != null && a.isArray() ? a : List.of();
    }

    private static String key(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? "" : n.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? Integer.valueOf(v.intValue()) : Lines.intOrNull(text(n, field));
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.canConvertToLong() && v.isIntegralNumber() ? Long.valueOf(v.longValue()) : Lines.longOrNull(text(n, field));
    }

    private static Double decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? Double.valueOf(v.doubleValue()) : Lines.doubleOrNull(text(n, field));
    }
}
