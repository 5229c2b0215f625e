package dev.duet.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;

/**
 * The stable JSON output contract of {@code duet status --json} (documented in the README, "Output contract"; scripts
 * outside this repository rely on it): field names and order are fixed, absent values are null.
 */
public final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    /** The contract object, pretty-printed, without a trailing newline. */
    public static String write(DrbdStatus status) {
        try {
            return MAPPER.writeValueAsString(tree(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a status tree", e);
        }
    }

    /** The contract object as a Jackson tree. */
    public static ObjectNode tree(DrbdStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", status.format());
        root.put("version", status.version());
        var devices = root.putArray("devices");
        for (Device d : status.devices()) {
            ObjectNode dn = devices.addObject();
            dn.put("resource", d.resource());
            dn.put("minor", d.minor());
            dn.put("volume", d.volume());
            dn.put("role", d.role());
            dn.put("disk", d.disk());
            var peers = dn.putArray("peers");
            for (Peer p : d.peers()) {
                ObjectNode pn = peers.addObject();
                pn.put("name", p.name());
                pn.put("connection", p.connection());
                pn.put("replication", p.replication());
                pn.put("role", p.role());
                pn.put("disk", p.disk());
                pn.put("syncPercent", p.syncPercent());
            }
        }
        return root;
    }
}
