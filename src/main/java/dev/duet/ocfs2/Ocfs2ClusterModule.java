package dev.duet.ocfs2;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ocfs2_cluster}: cluster.conf from {@code nodes}, o2cb enabled for boot in /etc/default/o2cb,
 * the cluster online. Optional o2cb timeouts land in /etc/default/o2cb (o2cb.sysconfig(5) names).
 */
public final class Ocfs2ClusterModule implements Module {
    private static final Map<String, String> TIMEOUT_KEYS = Map.of(
            "heartbeat_threshold", "O2CB_HEARTBEAT_THRESHOLD",
            "idle_timeout_ms", "O2CB_IDLE_TIMEOUT_MS",
            "keepalive_delay_ms", "O2CB_KEEPALIVE_DELAY_MS",
            "reconnect_delay_ms", "O2CB_RECONNECT_DELAY_MS");

    @Override
    public String name() {
        return "ocfs2_cluster";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("nodes");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("cluster", "port", "heartbeat_threshold", "idle_timeout_ms", "keepalive_delay_ms",
                "reconnect_delay_ms");
    }

    @Override
    public Step bind(Args args) {
        String cluster = Ocfs2Args.clusterName(args);
        ClusterConf conf = new ClusterConf(cluster, Ocfs2Args.port(args), Ocfs2Args.nodes(args));
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("O2CB_ENABLED", "true");
        defaults.put("O2CB_BOOTCLUSTER", cluster);
        TIMEOUT_KEYS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int v = Ocfs2Args.optPositive(args, e.getKey());
            if (v > 0) {
                defaults.put(e.getValue(), String.valueOf(v));
            }
        });
        return new Ocfs2ClusterStep(conf, defaults);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        Map<String, Object> concrete = args.raw();
        Ocfs2Args.clusterName(args);
        Ocfs2Args.port(args);
        if (concrete.containsKey("nodes")) {
            Ocfs2Args.nodes(args);
        }
        TIMEOUT_KEYS.keySet().forEach(k -> Ocfs2Args.optPositive(args, k));
    }
}
