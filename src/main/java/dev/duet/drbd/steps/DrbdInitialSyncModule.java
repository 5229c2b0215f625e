package dev.duet.drbd.steps;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code drbd_initial_sync}: the first sync of a fresh pair, full (forced source) or skipped. */
public final class DrbdInitialSyncModule implements Module {
    private final DrbdEnv env;

    public DrbdInitialSyncModule(DrbdEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "drbd_initial_sync";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("resource");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("source", "mode", "timeout", "stall_timeout", "tune", "tune_rate");
    }

    @Override
    public boolean pairWide() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        var mode = "skip".equals(args.oneOf("mode", "full", "full", "skip"))
                ? DrbdInitialSyncStep.Mode.SKIP : DrbdInitialSyncStep.Mode.FULL;
        String rate = null;
        if (args.bool("tune", false)) {
            rate = args.string("tune_rate", "100M");
            if (!rate.matches("\\d+[kKMG]?")) {
                throw args.error("tune_rate", "must be a rate like 100M, got '" + rate + "'");
            }
        }
        var waits = env.waits().withTimeouts(DrbdArgs.duration(args, "timeout", Duration.ofHours(1)),
                DrbdArgs.duration(args, "stall_timeout", Duration.ofSeconds(120)));
        String source = args.has("source") ? args.name("source") : null;
        return new DrbdInitialSyncStep(args.name("resource"), source, mode, rate, waits, env);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        DrbdArgs.validateLiterals(name(), rawArgs, where, Map.of("resource", DrbdArgs.Kind.NAME,
                "source", DrbdArgs.Kind.NAME));
        Args.checkBooleans(name(), rawArgs, where, "tune");
    }
}
