package dev.duet.drbd.steps;

import dev.duet.drbd.wait.StateCondition;
import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code drbd_wait}: wait for a DRBD state on this host (optionally only on the hosts in {@code nodes}). */
public final class DrbdWaitModule implements Module {
    private final DrbdEnv env;

    public DrbdWaitModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_wait";
    }

    @Override
    public boolean pairCoordinated() {
        return true;
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("resource");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("connection", "role", "disk", "peer_disk", "peer_role", "replication", "timeout",
                "stall_timeout", "nodes");
    }

    @Override
    public Step bind(Args args) {
        var condition = new StateCondition(word(args, "connection"), word(args, "role"), word(args, "disk"),
                word(args, "peer_disk"), word(args, "peer_role"), word(args, "replication"));
        Duration stall = args.has("stall_timeout") ? DrbdArgs.duration(args, "stall_timeout", null) : null;
        var waits = env.waits().withTimeouts(DrbdArgs.duration(args, "timeout", Duration.ofMinutes(5)), stall);
        var nodes = args.list("nodes").stream().map(String::valueOf).toList();
        return new DrbdWaitStep(args.name("resource"), condition, waits, nodes, env);
    }

    private static String word(Args args, String key) {
        if (!args.has(key)) {
            return null;
        }
        String v = args.string(key);
        if (!v.matches("[A-Za-z]+")) {
            throw args.error(key, "must be a DRBD state word like Connected or UpToDate, got '" + v + "'");
        }
        return v;
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME));
    }
}
