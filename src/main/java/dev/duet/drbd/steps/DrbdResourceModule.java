package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Set;

/** {@code drbd_resource}: the resource file, global_common.conf, and {@code drbdadm adjust} when running. */
public final class DrbdResourceModule implements Module {
    private final DrbdEnv env;

    public DrbdResourceModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_resource";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("resource", "nodes");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("device", "disk", "port", "meta_disk", "protocol", "allow_two_primaries", "after_sb_0pri",
                "after_sb_1pri", "after_sb_2pri", "rr_conflict", "secret_file", "secret_env", "cram_hmac_alg",
                "disk_options", "net_options", "resync_rate", "c_plan_ahead", "c_max_rate", "c_min_rate",
                "c_fill_target", "wfc_timeout", "degr_wfc_timeout", "dialect", "fencing",
                "fence_peer_timeout");
    }

    @Override
    public Step bind(Args args) {
        String dialect = args.oneOf("dialect", "auto", "auto", "8.4", "9");
        return new DrbdResourceStep(new ResourceArgs(env.env()).build(args), dialect, env.sources());
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME,
                "device", DrbdArgs.Kind.PATH, "disk", DrbdArgs.Kind.PATH));
        Args literals = Args.literals(name(), rawArgs, where);
        if (literals.raw().get("fencing") != null) {
            ResourceArgs.fencing(literals);
        }
        if (literals.raw().get("fence_peer_timeout") != null) {
            ResourceArgs.fencePeerTimeout(literals);
        }
        if (rawArgs.containsKey("fence_peer_timeout") && rawArgs.containsKey("resource") && !rawArgs.containsKey("fencing")) {
            throw literals.error("fence_peer_timeout", "needs 'fencing' (the handler it times only runs with fencing)");
        }
        if (literals.raw().get("nodes") != null) {
            ResourceArgs.validateNodes(literals);
        }
    }
}
