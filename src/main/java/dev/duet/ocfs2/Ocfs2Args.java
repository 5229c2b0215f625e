package dev.duet.ocfs2;

import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed, validated readings of the OCFS2 modules' arguments; every error names file, line and column. */
final class Ocfs2Args {
    /** ocfs2.cluster.conf(5): up to 16 alphanumeric characters. */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** Volume labels go into argv only, but stay plain so they are also safe in fstab ({@code LABEL=x}). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SIZE = Pattern.compile("[0-9]+[KkMm]?");

    private Ocfs2Args() {
    }

    static String clusterName(Args args) {
        String name = args.string("cluster", "ocfs2");
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw args.error("cluster", "must be 1-16 letters or digits (ocfs2.cluster.conf(5)), got '" + name + "'");
        }
        return name;
    }

    static int port(Args args) {
        int port = args.integer("port", 7777);
        if (port < 1 || port > 65535) {
            throw args.error("port", "must be a TCP port (1-65535), got " + port);
        }
        return port;
    }

    static List<ClusterNode> nodes(Args args) {
        List<Object> raw = args.list("nodes");
        if (raw.isEmpty()) {
            throw args.error("nodes", "must list the cluster's nodes ({name, address, number?} each)");
        }
        List<ClusterNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Map<?, ?> m)) {
                throw args.error("nodes", "item " + (i + 1) + " must be a mapping {name, address, number?}");
            }
            String where = "item " + (i + 1) + " ";
            String name = field(args, m, "name", where);
            String address = field(args, m, "address", where);
            if (!HOST_NAME.matcher(name).matches()) {
                throw args.error("nodes", where + "name must be a host name (uname -n), got '" + name + "'");
            }
            if (!IPV4.matcher(address).matches()) {
                throw args.error("nodes", where + "address must be an IPv4 address (o2cb speaks IPv4 only), got '"
                        + address + "'");
            }
            int number = i;
            if (m.get("number") != null) {
                try {
                    number = Integer.parseInt(String.valueOf(m.get("number")).trim());
                } catch (NumberFormatException e) {
                    throw args.error("nodes", where + "number must be a whole number, got '" + m.get("number") + "'");
                }
            }
            if (number < 0 || number > 254) {
                throw args.error("nodes", where + "number must be 0-254, got " + number);
            }
            if (!names.add(name)) {
                throw args.error("nodes", "name '" + name + "' appears twice");
            }
            if (!numbers.add(number)) {
                throw args.error("nodes", "number " + number + " appears twice");
            }
            nodes.add(new ClusterNode(name, address, number));
        }
        return nodes;
    }

    private static String field(Args args, Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw args.error("nodes", where + "needs '" + key + "'");
        }
        return String.valueOf(v).trim();
    }

    static String label(Args args) {
        String label = args.string("label");
        if (!LABEL.matcher(label).matches()) {
            throw args.error("label", "must be 1-64 letters, digits, '_', '.', '-' (an OCFS2 label), got '" + label + "'");
        }
        return label;
    }

    static int slots(Args args) {
        int slots = args.integer("slots", 2);
        if (slots < 1 || slots > 255) {
            throw args.error("slots", "must be 1-255 node slots, got " + slots);
        }
        return slots;
    }

    static String optSize(Args args, String key) {
        String v = args.string(key, null);
        if (v != null && !SIZE.matcher(v).matches()) {
            throw args.error(key, "must be a size such as 4K or 1M, got '" + v + "'");
        }
        return v;
    }

    static int optPositive(Args args, String key) {
        int v = args.integer(key, 0);
        if (v < 0) {
            throw args.error(key, "must be a positive whole number, got " + v);
        }
        return v;
    }
}
