package dev.duet.modules;

import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a systemd unit to its wanted enablement and state. As in Ansible, {@code restarted} and
 * {@code reloaded} always change; {@code reloaded} starts a unit that is not running.
 */
public final class ServiceStep implements Step {
    public enum State { STARTED, STOPPED, RESTARTED, RELOADED }

    private final String unit;
    private final Boolean enabled;
    private final State state;
    private boolean daemonReload;

    /** {@code enabled} or {@code state} may be null: that aspect is left alone. */
    /** systemd's {@code daemon_reload}: {@code systemctl daemon-reload} before the act half changes anything. */
    ServiceStep reloadingDaemon(boolean on) {
        this.daemonReload = on;
        return this;
    }

    public ServiceStep(String unit, Boolean enabled, State state) {
        this.unit = unit;
        this.enabled = enabled;
        this.state = state;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        List<Command> probes = new ArrayList<>();
        if (enabled != null) {
            probes.add(isEnabledProbe());
        }
        if (state != null && state != State.RESTARTED) {
            probes.add(isActiveProbe());
        }
        return new LikelyReads(probes, List.of());
    }

    @Override
    public Check check(StepContext ctx) {
        List<String> verbs = verbs(ctx.node());
        if (verbs.isEmpty()) {
            return Check.ok(unit + " is " + describeWanted());
        }
        return Check.change("would " + String.join(", ", verbs) + " " + unit);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        if (daemonReload) {
            node.run(Command.change("systemctl", "daemon-reload")).orThrow(node.name());
        }
        List<String> verbs = verbs(node);
        if (verbs.isEmpty()) {
            return Done.unchanged(unit + " is " + describeWanted());
        }
        for (String verb : verbs) {
            node.run(Command.change("systemctl", verb, unit)).orThrow(node.name());
        }
        return Done.changed(String.join(", ", verbs.stream().map(ServiceStep::past).toList()) + " " + unit);
    }

    /** systemctl's verbs all take a regular past tense. */
    private static String past(String verb) {
        return verb.endsWith("e") ? verb + "d" : verb.equals("stop") ? "stopped" : verb + "ed";
    }

    /** The systemctl verbs still needed, in order: enablement first, so a started unit is also set for boot. */
    private List<String> verbs(Node node) {
        List<String> verbs = new ArrayList<>();
        if (enabled != null) {
            // is-enabled exits 0 for enabled, static, alias, indirect...: Ansible's test too.
            boolean isEnabled = node.run(isEnabledProbe()).ok();
            if (enabled != isEnabled) {
                verbs.add(enabled ? "enable" : "disable");
            }
        }
        if (state != null) {
            boolean active = state == State.RESTARTED || isActive(node);
            switch (state) {
                case STARTED -> addIf(verbs, !active, "start");
                case STOPPED -> addIf(verbs, active, "stop");
                case RESTARTED -> verbs.add("restart");
                case RELOADED -> verbs.add(active ? "reload" : "start");
            }
        }
        return verbs;
    }

    private boolean isActive(Node node) {
        return node.run(isActiveProbe()).ok();
    }

    private Command isEnabledProbe() {
        return isEnabled(unit);
    }

    private Command isActiveProbe() {
        return isActive(unit);
    }

    /**
     * The question this module's check asks systemd about {@code unit}, exit status 0 for enabled (also
     * static, alias, indirect, as Ansible's test). Other modules asking the same ask it this way, so one
     * answer read in a run serves them all.
     */
    public static Command isEnabled(String unit) {
        return Command.probe("systemctl", "is-enabled", unit);
    }

    /** Like {@link #isEnabled}: exit status 0 while {@code unit} is active. */
    public static Command isActive(String unit) {
        return Command.probe("systemctl", "is-active", unit);
    }

    private static void addIf(List<String> verbs, boolean condition, String verb) {
        if (condition) {
            verbs.add(verb);
        }
    }

    private String describeWanted() {
        List<String> parts = new ArrayList<>();
        if (enabled != null) {
            parts.add(enabled ? "enabled" : "disabled");
        }
        if (state != null) {
            parts.add(state.name().toLowerCase());
        }
        return String.join(" and ", parts);
    }
}
