package dev.duet.cluster;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code corosync}: corosync.conf from {@code cluster_name} and {@code nodes} ({name, address, address2?,
 * nodeid?}: ring0 on {@code address}, the replication link; a second ring on {@code address2}), the
 * authkey made on the play's first host and copied to the others, corosync enabled and started, and
 * every node in the parsed membership.
 */
public final class CorosyncModule implements Module {
    @Override
    public String name() {
        return "corosync";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("cluster_name", "nodes");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("crypto_cipher", "crypto_hash", "token", "timeout");
    }

    @Override
    public boolean pairWide() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        return new CorosyncStep(conf(args), Duration.ofSeconds(ClusterArgs.positive(args, "timeout", 120)));
    }

    static CorosyncConf conf(Args args) {
        String cipher = args.oneOf("crypto_cipher", "aes256", "aes256", "aes192", "aes128");
        String hash = args.oneOf("crypto_hash", "sha256", "sha256", "sha384", "sha512", "sha1");
        Integer token = args.has("token") ? ClusterArgs.positive(args, "token", 1000) : null;
        return new CorosyncConf(ClusterArgs.clusterName(args), ClusterArgs.nodes(args), cipher, hash, token);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        Map<String, Object> concrete = args.raw();
        if (concrete.containsKey("cluster_name")) {
            ClusterArgs.clusterName(args);
        }
        if (concrete.containsKey("nodes")) {
            ClusterArgs.nodes(args);
        }
        args.oneOf("crypto_cipher", "aes256", "aes256", "aes192", "aes128");
        args.oneOf("crypto_hash", "sha256", "sha256", "sha384", "sha512", "sha1");
        if (concrete.containsKey("token")) {
            ClusterArgs.positive(args, "token", 1000);
        }
        ClusterArgs.positive(args, "timeout", 120);
    }
}
