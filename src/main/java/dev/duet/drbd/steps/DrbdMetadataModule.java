package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Set;

/** {@code drbd_metadata}: create-md where no metadata exists and the device is blank (or {@code wipe: true}). */
public final class DrbdMetadataModule implements Module {
    private final DrbdEnv env;

    public DrbdMetadataModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_metadata";
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
        return Set.of("disk", "wipe");
    }

    @Override
    public Step bind(Args args) {
        return new DrbdMetadataStep(args.name("resource"), args.optPath("disk"), args.bool("wipe", false), env.sources());
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME,
                "disk", DrbdArgs.Kind.PATH));
        Args.checkBooleans(name(), rawArgs, where, "wipe");
    }
}
