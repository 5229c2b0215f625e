package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Ansible's {@code service} for systemd: {@code name}, {@code enabled: yes|no}, {@code state: started|stopped|restarted|reloaded}. */
public final class ServiceModule implements Module {
    /** systemd unit names, including templated ones (getty@tty1.service). */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@:-]*");

    @Override
    public String name() {
        return "service";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("name");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("enabled", "state");
    }

    @Override
    public Step bind(Args args) {
        String unit = args.string("name").strip();
        if (!UNIT.matcher(unit).matches()) {
            throw args.error("name", "must be a systemd unit name, got '" + unit + "'");
        }
        if (!args.has("enabled") && !args.has("state")) {
            throw args.error("state", "or 'enabled' is required");
        }
        Boolean enabled = args.has("enabled") ? args.bool("enabled", false) : null;
        ServiceStep.State state = args.has("state")
                ? ServiceStep.State.valueOf(args.oneOf("state", null, "started", "stopped", "restarted", "reloaded")
                        .toUpperCase())
                : null;
        return new ServiceStep(unit, enabled, state);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args.checkBooleans(name(), rawArgs, where, "enabled");
    }
}
