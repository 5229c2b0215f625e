package dev.duet.cluster;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ManagedFile;
import dev.duet.ocfs2.O2cbDefaults;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SBD on a shared disk: the header created once (by the play's first host, the others wait to see it)
 * and never again over an existing one, {@code /etc/default/sbd} with the device, the watchdog and
 * Pacemaker integration, and sbd enabled. Duet never starts sbd itself: once enabled, corosync requires
 * it, so it starts with the cluster stack. This task therefore belongs before corosync in a playbook.
 */
final class SbdStep implements Step {
    static final String DEFAULTS = "/etc/default/sbd";

    private final String device;
    private final String watchdog;
    private final int watchdogTimeout;
    private final int msgwaitTimeout;
    private final Map<String, String> settings;
    private final Duration timeout;

    SbdStep(String device, String watchdog, int watchdogTimeout, int msgwaitTimeout, Map<String, String> settings,
            Duration timeout) {
        this.device = device;
        this.watchdog = watchdog;
        this.watchdogTimeout = watchdogTimeout;
        this.msgwaitTimeout = msgwaitTimeout;
        this.settings = Map.copyOf(settings);
        this.timeout = timeout;
    }

    private record Plan(SbdDevice disk, String currentDefaults, boolean defaultsOk, boolean enabled) {
    }

    /** On a pair where SBD is set up: the watchdog, the header and its dump, the defaults file, the unit. */
    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return new LikelyReads(List.of(watchdogProbe(), SbdDevice.magic(device), SbdDevice.dump(device),
                Units.enabledProbe("sbd")), List.of(DEFAULTS));
    }

    @Override
    public Check check(StepContext ctx) {
        Plan plan = inspect(ctx, true);
        List<String> changes = new ArrayList<>();
        if (plan.disk().kind() == SbdDevice.Kind.BLANK) {
            changes.add(Authkey.isMaker(ctx) ? "would create the SBD header on " + device + ": " + create().line()
                    : "the SBD header on " + device + " would be created by " + Authkey.maker(ctx));
        }
        if (!plan.defaultsOk()) {
            changes.add(DEFAULTS + " would be " + (plan.currentDefaults() == null ? "created" : "updated"));
        }
        if (!plan.enabled()) {
            changes.add("sbd would be enabled (it starts with corosync)");
        }
        if (changes.isEmpty()) {
            return Check.ok("SBD header on " + device + ", " + DEFAULTS + " up to date, sbd enabled");
        }
        String diff = plan.defaultsOk() ? null : ManagedFile.unifiedDiff(DEFAULTS, plan.currentDefaults(), wanted(plan));
        return Check.change(String.join("; ", changes), diff);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Plan plan = inspect(ctx, false);
        List<String> done = new ArrayList<>();
        String diff = null;
        if (plan.disk().kind() == SbdDevice.Kind.BLANK) {
            if (Authkey.isMaker(ctx)) {
                node.run(create()).orThrow(node.name());
                if (SbdDevice.probe(node, device).kind() != SbdDevice.Kind.HEADER) {
                    throw new DuetException(Reason.COMMAND_FAILED, node.name() + ": `" + create().line()
                            + "` succeeded but no SBD header is seen on " + device);
                }
                done.add("created the SBD header on " + device + " (" + create().line() + ")");
            } else {
                new HeaderWait(timeout).await(node, device, Authkey.maker(ctx));
                done.add("saw the SBD header " + Authkey.maker(ctx) + " created on " + device);
            }
        }
        if (!plan.defaultsOk()) {
            ManagedFile.text(DEFAULTS, wanted(plan), "0644").write(node);
            diff = ManagedFile.unifiedDiff(DEFAULTS, plan.currentDefaults(), wanted(plan));
            done.add((plan.currentDefaults() == null ? "created " : "updated ") + DEFAULTS);
        }
        if (!plan.enabled()) {
            node.run(Command.change("systemctl", "enable", "sbd")).orThrow(node.name());
            done.add("enabled sbd (it starts with corosync)");
        }
        return done.isEmpty() ? Done.unchanged("SBD already configured on " + device) : Done.changed(String.join("; ", done), diff);
    }

    /** {@code warn}: the check half says what it keeps; the act half, looking again, does not repeat it. */
    private Plan inspect(StepContext ctx, boolean warn) {
        Node node = ctx.node();
        if (!node.run(watchdogProbe()).ok()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": no watchdog device " + watchdog + "; SBD"
                    + " fences through the watchdog, so the node needs one (a hardware watchdog, or softdog loaded"
                    + " before sbd starts)");
        }
        SbdDevice disk = SbdDevice.probe(node, device);
        if (disk.kind() == SbdDevice.Kind.HEADER) {
            String diff = disk.header().differences(watchdogTimeout, msgwaitTimeout);
            if (warn && !diff.isEmpty()) {
                ctx.warn(node.name() + ": the SBD header on " + device + " has " + diff + "; left as it is:"
                        + " re-creating a header clears its slots (sbd -d " + device + " create by hand, cluster stopped)");
            }
        }
        String current = node.readFile(DEFAULTS).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        boolean defaultsOk = current != null && settings.entrySet().stream()
                .allMatch(e -> Objects.equals(O2cbDefaults.value(current, e.getKey()), e.getValue()));
        return new Plan(disk, current, defaultsOk, Units.enabled(node, "sbd"));
    }

    private Command watchdogProbe() {
        return Command.probe("test", "-c", watchdog);
    }

    private String wanted(Plan plan) {
        Map<String, String> sorted = new java.util.TreeMap<>(settings);
        return O2cbDefaults.apply(plan.currentDefaults(), sorted);
    }

    Command create() {
        return Command.change("sbd", "-d", device, "-1", String.valueOf(watchdogTimeout), "-4",
                String.valueOf(msgwaitTimeout), "create");
    }
}
