package dev.duet.drbd.config;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code /etc/drbd.d/<res>.res} in the 8.4 dialect (on sections without node ids) or the 9
 * dialect (node-id per on section and a connection-mesh), and a minimal {@code global_common.conf}.
 */
public final class ResourceRenderer {
    static final String HEADER = "# Managed by duet: local changes are overwritten on the next apply.\n";
    private static final String I1 = "    ";
    private static final String I2 = I1 + I1;

    private ResourceRenderer() {
    }

    public static String render(ResourceModel m, String dialect) {
        boolean nine = dialect.startsWith("9");
        StringBuilder b = new StringBuilder(HEADER);
        b.append("resource ").append(m.name()).append(" {\n");
        section(b, "net", netOptions(m, nine));
        section(b, "disk", diskOptions(m, nine));
        section(b, "startup", m.startup());
        section(b, "handlers", FenceHandlers.of(m, nine));
        for (NodeSpec n : m.nodes()) {
            b.append(I1).append("on ").append(n.name()).append(" {\n");
            if (nine) {
                b.append(I2).append("node-id ").append(n.nodeId()).append(";\n");
            }
            b.append(I2).append("device ").append(n.device()).append(";\n");
            b.append(I2).append("disk ").append(n.disk()).append(";\n");
            b.append(I2).append("meta-disk ").append(m.metaDisk()).append(";\n");
            b.append(I2).append("address ").append(n.addressLine()).append(";\n");
            b.append(I1).append("}\n");
        }
        if (nine) {
            b.append(I1).append("connection-mesh {\n").append(I2).append("hosts ")
                    .append(m.nodes().stream().map(NodeSpec::name).collect(Collectors.joining(" ")))
                    .append(";\n").append(I1).append("}\n");
        }
        return b.append("}\n").toString();
    }

    public static String globalCommon() {
        return HEADER + "global {\n" + I1 + "usage-count no;\n}\n\ncommon {\n}\n";
    }

    /** DRBD 8.4 reads {@code fencing} in the disk section, DRBD 9 in the net section. */
    private static Map<String, String> diskOptions(ResourceModel m, boolean nine) {
        var disk = new java.util.LinkedHashMap<>(m.disk());
        if (m.fencing() != null && !nine) {
            disk.put("fencing", m.fencing());
        }
        return disk;
    }

    private static Map<String, String> netOptions(ResourceModel m, boolean nine) {
        var net = new java.util.LinkedHashMap<>(m.net());
        if (m.fencing() != null && nine) {
            net.put("fencing", m.fencing());
        }
        if (m.secret() != null) {
            net.put("cram-hmac-alg", m.cramHmacAlg());
            net.put("shared-secret", "\"" + m.secret().reveal() + "\"");
        }
        return net;
    }

    private static void section(StringBuilder b, String name, Map<String, String> options) {
        if (options.isEmpty()) {
            return;
        }
        b.append(I1).append(name).append(" {\n");
        options.forEach((k, v) -> b.append(I2).append(k).append(' ').append(v).append(";\n"));
        b.append(I1).append("}\n");
    }
}
