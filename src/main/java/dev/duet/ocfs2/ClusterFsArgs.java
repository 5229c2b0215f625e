package dev.duet.ocfs2;

import dev.duet.step.Args;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code filesystem} module's cluster arguments: {@code fstype} (ocfs2|gfs2), {@code cluster_stack}
 * (o2cb|pcmk, OCFS2 only), {@code cluster_name}, {@code fs_name} and {@code journals} (GFS2). GFS2's lock
 * table {@code cluster:fs} is checked here, at load time: mkfs.gfs2 would refuse it only on the node.
 */
final class ClusterFsArgs {
    /** The corosync module's rule for cluster_name (it names the OCFS2 cluster and the GFS2 lock table too). */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    /** gfs2(5)/mkfs.gfs2(8): the lock table's filesystem part, up to 30 of these characters. */
    private static final Pattern FS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,30}");

    private ClusterFsArgs() {
    }

    static Mkfs mkfs(Args args) {
        String fstype = args.oneOf("fstype", "ocfs2", "ocfs2", "gfs2");
        String stack = args.oneOf("cluster_stack", "o2cb", "o2cb", "pcmk");
        String label = Ocfs2Args.label(args);
        if ("gfs2".equals(fstype) && args.has("cluster_stack") && !"pcmk".equals(stack)) {
            throw args.error("cluster_stack", "is for OCFS2; GFS2 always locks through the DLM of Pacemaker's stack");
        }
        boolean pacemaker = "gfs2".equals(fstype) || "pcmk".equals(stack);
        String cluster = pacemaker || args.has("cluster_name") ? clusterName(args, pacemaker) : null;
        String fsName = "gfs2".equals(fstype) ? fsName(args, label) : null;
        Integer journals = args.has("journals") ? journals(args) : null;
        return new Mkfs(fstype, label, Ocfs2Args.slots(args), Ocfs2Args.optSize(args, "block_size"),
                Ocfs2Args.optSize(args, "cluster_size"), pacemaker ? "pcmk" : "o2cb", cluster, fsName, journals);
    }

    /** Load-time checks of the literal values; templated ones are checked once rendered. */
    static void validate(Args args) {
        Map<String, Object> concrete = args.raw();
        String fstype = concrete.containsKey("fstype") ? args.oneOf("fstype", "ocfs2", "ocfs2", "gfs2") : null;
        if (concrete.containsKey("cluster_stack")) {
            args.oneOf("cluster_stack", "o2cb", "o2cb", "pcmk");
        }
        if (concrete.containsKey("cluster_name")) {
            clusterName(args, true);
        }
        if (concrete.containsKey("fs_name")) {
            fsName(args, null);
        } else if ("gfs2".equals(fstype) && concrete.containsKey("label")) {
            fsName(args, args.string("label"));
        }
        if (concrete.containsKey("journals")) {
            journals(args);
        }
    }

    private static String clusterName(Args args, boolean required) {
        String name = required ? args.string("cluster_name") : args.string("cluster_name", null);
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw args.error("cluster_name", "must be corosync's cluster_name: 1-16 letters, digits, '-' or '_', got '"
                    + name + "'");
        }
        return name;
    }

    /** {@code fs_name}, else the label, as the lock table's second part. */
    private static String fsName(Args args, String label) {
        String key = args.has("fs_name") || label == null ? "fs_name" : "label";
        String name = args.has("fs_name") ? args.string("fs_name") : label;
        if (!FS_NAME.matcher(name).matches()) {
            throw args.error(key, "must be a GFS2 lock table name: 1-30 letters, digits, '-' or '_' (the part after"
                    + " 'cluster:' in mkfs.gfs2 -t), got '" + name + "'");
        }
        return name;
    }

    private static int journals(Args args) {
        int j = args.integer("journals", 2);
        if (j < 1 || j > 64) {
            throw args.error("journals", "must be 1-64 GFS2 journals (one per node that mounts it), got " + j);
        }
        return j;
    }
}
