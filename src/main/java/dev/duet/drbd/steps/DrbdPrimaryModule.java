package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code drbd_primary}: promote this node (both, with {@code dual: yes}, the default). */
public final class DrbdPrimaryModule implements Module {
    private final DrbdEnv env;

    public DrbdPrimaryModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_primary";
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
        return Set.of("dual", "timeout", "stall_timeout");
    }

    @Override
    public Step bind(Args args) {
        var waits = env.waits().withTimeouts(DrbdArgs.duration(args, "timeout", Duration.ofMinutes(30)),
                DrbdArgs.duration(args, "stall_timeout", Duration.ofSeconds(120)));
        return new DrbdPrimaryStep(args.name("resource"), args.bool("dual", true), waits, env);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME));
        Args.checkBooleans(name(), rawArgs, where, "dual");
    }
}
