package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Set;

/**
 * {@code drbd_discard}: split-brain recovery, throwing away the changes of the node named {@code victim}
 * (on the victim: umount {@code mount}, disconnect, secondary, connect --discard-my-data; on the other
 * node: connect if StandAlone). {@code duet recover --discard NODE} builds these tasks.
 */
public final class DrbdDiscardModule implements Module {
    private final DrbdEnv env;

    public DrbdDiscardModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_discard";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("resource", "victim");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("mount");
    }

    @Override
    public boolean pairWide() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        return new DrbdDiscardStep(args.name("resource"), args.name("victim"), args.optPath("mount"), env);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME,
                "victim", DrbdArgs.Kind.NAME, "mount", DrbdArgs.Kind.PATH));
    }
}
