package dev.duet.cluster;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code sbd}: a shared disk as SBD fencing device ({@code device}) with the node's {@code watchdog};
 * {@code watchdog_timeout} and {@code msgwait_timeout} (seconds, sbd's -1 and -4) go into a new header;
 * {@code delay_start} sets SBD_DELAY_START. Run on every host of the pair.
 */
public final class SbdModule implements Module {
    @Override
    public String name() {
        return "sbd";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("device");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("watchdog", "watchdog_timeout", "msgwait_timeout", "delay_start", "timeout");
    }

    @Override
    public boolean pairWide() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        String device = args.path("device");
        String watchdog = args.optPath("watchdog").orElse("/dev/watchdog");
        int wd = ClusterArgs.positive(args, "watchdog_timeout", 10);
        int msgwait = msgwait(args, wd);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("SBD_DEVICE", device);
        settings.put("SBD_WATCHDOG_DEV", watchdog);
        settings.put("SBD_PACEMAKER", "yes");
        if (args.has("delay_start")) {
            settings.put("SBD_DELAY_START", args.bool("delay_start", false) ? "yes" : "no");
        }
        return new SbdStep(device, watchdog, wd, msgwait, settings,
                Duration.ofSeconds(ClusterArgs.positive(args, "timeout", 120)));
    }

    /** sbd's own rule: msgwait at least twice the watchdog timeout, or a reset may be taken for done too early. */
    private static int msgwait(Args args, int watchdogTimeout) {
        int msgwait = ClusterArgs.positive(args, "msgwait_timeout", 2 * watchdogTimeout);
        if (msgwait < 2 * watchdogTimeout) {
            throw args.error("msgwait_timeout", "must be at least twice watchdog_timeout (" + 2 * watchdogTimeout
                    + " s), got " + msgwait);
        }
        return msgwait;
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args args = Args.literals(name(), rawArgs, where);
        Map<String, Object> concrete = args.raw();
        if (concrete.containsKey("device")) {
            args.path("device");
        }
        args.optPath("watchdog");
        int wd = ClusterArgs.positive(args, "watchdog_timeout", 10);
        if (!rawArgs.containsKey("watchdog_timeout") || concrete.containsKey("watchdog_timeout")) {
            msgwait(args, wd);
        }
        args.bool("delay_start", false);
        ClusterArgs.positive(args, "timeout", 120);
    }
}
