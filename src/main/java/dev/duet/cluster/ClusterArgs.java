package dev.duet.cluster;

import dev.duet.step.Args;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed, validated readings of the cluster modules' arguments; every error names file, line and column. */
final class ClusterArgs {
    /**
     * corosync takes any cluster_name, but the name also goes into OCFS2's superblock (16 bytes at most)
     * and GFS2's lock table ({@code cluster:fs}, letters, digits, '-' and '_'): the rule that fits all three.
     */
    static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*"
            + "|[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

    private ClusterArgs() {
    }

    static String clusterName(Args args) {
        String name = args.string("cluster_name");
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw args.error("cluster_name", "must be 1-16 letters, digits, '-' or '_' (it also names the OCFS2"
                    + " cluster and the GFS2 lock table), got '" + name + "'");
        }
        return name;
    }


    /** {@code nodes}: a list of {name, address, address2?, nodeid?}; ring1 only when every node has one. */
    static List<CorosyncNode> nodes(Args args) {
        List<Object> raw = args.list("nodes");
        if (raw.size() < 2) {
            throw args.error("nodes", "must list the cluster's nodes ({name, address, address2?, nodeid?} each), at least two");
        }
        List<CorosyncNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Map<?, ?> m)) {
                throw args.error("nodes", "item " + (i + 1) + " must be a mapping {name, address, address2?, nodeid?}");
            }
            String where = "item " + (i + 1) + " ";
            String name = field(args, m, "name", where, true);
            String address = field(args, m, "address", where, true);
            String address2 = field(args, m, "address2", where, false);
            if (!HOST_NAME.matcher(name).matches()) {
                throw args.error("nodes", where + "name must be a host name (uname -n), got '" + name + "'");
            }
            for (String a : address2 == null ? List.of(address) : List.of(address, address2)) {
                if (!ADDRESS.matcher(a).matches()) {
                    throw args.error("nodes", where + "address must be an IP address or host name, got '" + a + "'");
                }
            }
            int id = i + 1;
            String rawId = field(args, m, "nodeid", where, false);
            if (rawId != null) {
                try {
                    id = Integer.parseInt(rawId);
                } catch (NumberFormatException e) {
                    throw args.error("nodes", where + "nodeid must be a whole number, got '" + rawId + "'");
                }
            }
            if (id < 1) {
                throw args.error("nodes", where + "nodeid must be 1 or more, got " + id);
            }
            if (!names.add(name)) {
                throw args.error("nodes", "name '" + name + "' appears twice");
            }
            if (!ids.add(id)) {
                throw args.error("nodes", "nodeid " + id + " appears twice");
            }
            nodes.add(new CorosyncNode(name, id, address, address2));
        }
        long withRing1 = nodes.stream().filter(n -> n.ring1() != null).count();
        if (withRing1 != 0 && withRing1 != nodes.size()) {
            throw args.error("nodes", "address2 (the second ring) must be given for every node or for none");
        }
        return nodes;
    }

    private static String field(Args args, Map<?, ?> m, String key, String where, boolean required) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw args.error("nodes", where + "needs '" + key + "'");
            }
            return null;
        }
        return String.valueOf(v).trim();
    }

    static int positive(Args args, String key, int fallback) {
        int v = args.integer(key, fallback);
        if (v < 1) {
            throw args.error(key, "must be a positive whole number, got " + v);
        }
        return v;
    }
}
