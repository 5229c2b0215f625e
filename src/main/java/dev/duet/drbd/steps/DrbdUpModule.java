package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code drbd_up}: bring the resource up where it is down, then wait for Connected. With
 * {@code defer_to_pacemaker: true}, a resource Pacemaker manages is left to Pacemaker (see {@link DrbdUpStep}).
 */
public final class DrbdUpModule implements Module {
    private final DrbdEnv env;
    /** Shared by the steps this module binds for the hosts of a run: one node's failed reconnect stops the other's wait. */
    private final PairFailures failures = new PairFailures();

    public DrbdUpModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_up";
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
        return Set.of("wait", "timeout", "defer_to_pacemaker");
    }

    @Override
    public Step bind(Args args) {
        var waits = env.waits().withTimeouts(DrbdArgs.duration(args, "timeout", Duration.ofMinutes(2)), null);
        return new DrbdUpStep(args.name("resource"), args.bool("wait", true), waits, env, failures,
                args.bool("defer_to_pacemaker", false));
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME));
        Args.checkBooleans(name(), rawArgs, where, "wait", "defer_to_pacemaker");
    }
}
