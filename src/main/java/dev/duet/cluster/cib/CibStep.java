package dev.duet.cluster.cib;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the live CIB in line with what the task describes. Check: read the configuration section
 * and compare (only what the task describes counts; live resources it does not describe are a
 * warning, never removed). Act: read it again, send one {@code <configuration>} patch holding only the
 * differences through {@code cibadmin --modify --scope configuration} (one atomic CIB update, so no
 * resource starts before its constraints exist), then read it back and confirm. Never restarts anything.
 */
public final class CibStep implements Step {
    static final Command QUERY = Command.probe("cibadmin", "--query", "--scope", "configuration");
    static final String[] MODIFY = {"cibadmin", "--modify", "--scope", "configuration", "--xml-pipe"};

    private final CibSpec spec;

    public CibStep(CibSpec spec) {
        this.spec = spec;
    }

    @Override
    public Check check(StepContext ctx) {
        if (spec.stonithDisabled()) {
            ctx.warn("STONITH is disabled by name (stonith: disabled): nothing fences a node that stops answering,"
                    + " so a replication link cut can end in a DRBD split brain with writes on both nodes");
        }
        CommandResult r = ctx.node().run(QUERY);
        if (!r.ok()) {
            if (ctx.checkMode()) {
                return Check.change("the CIB cannot be read yet on " + ctx.node().name() + " (" + firstLine(r)
                        + "); would write " + describe(spec.objects().size(), "object") + " once Pacemaker runs",
                        diff(null, CibDiff.of(spec, new CibNode("configuration", java.util.Map.of(), List.of()))));
            }
            throw unreadable(ctx.node(), r);
        }
        CibDiff diff = compare(ctx.node(), r);
        if (spec.warnExtra() && !diff.extraResources().isEmpty()) {
            ctx.warn("the live CIB holds resources this task does not describe, left as they are: "
                    + String.join(", ", diff.extraResources()));
        }
        if (diff.inSync()) {
            return Check.ok("the CIB holds the " + describe(spec.objects().size(), "object") + " as described");
        }
        return Check.change("would update the CIB (" + summary(diff) + ") with one `cibadmin --modify --scope"
                + " configuration`", diff(diff, diff));
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        CibDiff before = compare(node, read(node));
        if (before.inSync()) {
            return Done.unchanged("the CIB already holds the " + describe(spec.objects().size(), "object") + " as described");
        }
        CommandResult r = node.run(Command.change(MODIFY).withStdin(before.patch().xml()));
        if (!r.ok()) {
            throw new CommandFailedException(node.name(), r);
        }
        CibDiff after = compare(node, read(node));
        if (!after.inSync()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": `cibadmin --modify` succeeded but the CIB"
                    + " still differs (" + summary(after) + "); the patch sent was:\n" + before.patch().xml());
        }
        return Done.changed("updated the CIB (" + summary(before) + ") with `cibadmin --modify --scope configuration`",
                diff(before, before));
    }

    private CibDiff compare(Node node, CommandResult r) {
        CibNode live;
        try {
            live = CibXml.parse(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": `" + QUERY.line() + "`: " + e.getMessage());
        }
        if (!live.tag().equals("configuration")) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": `" + QUERY.line() + "` answered <"
                    + live.tag() + ">, expected <configuration>");
        }
        CibDiff diff = CibDiff.of(spec, live);
        if (!diff.conflicts().isEmpty()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": " + String.join("; ", diff.conflicts())
                    + ". Duet does not rename or move live CIB objects: remove or rename it with crm configure, then run again");
        }
        return diff;
    }

    private static CommandResult read(Node node) {
        CommandResult r = node.run(QUERY);
        if (!r.ok()) {
            throw unreadable(node, r);
        }
        return r;
    }

    private static DuetException unreadable(Node node, CommandResult r) {
        return new DuetException(Reason.PRECONDITION, node.name() + ": cannot read the CIB (`" + QUERY.line()
                + "` exited " + r.exitCode() + ": " + firstLine(r) + "); Pacemaker must be running on this node"
                + " (start it with the service module before this task)");
    }

    private static String firstLine(CommandResult r) {
        String text = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        return text.isEmpty() ? "no output" : text.lines().findFirst().orElse("");
    }

    static String summary(CibDiff diff) {
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (CibDiff.Entry e : diff.changes()) {
            (e.missing() ? created : changed).add(e.object().describe());
        }
        List<String> parts = new ArrayList<>();
        if (!created.isEmpty()) {
            parts.add("create " + String.join(", ", created));
        }
        if (!changed.isEmpty()) {
            parts.add("change " + String.join(", ", changed));
        }
        return String.join("; ", parts);
    }

    /** A unified diff of the live CIB (as far as the task describes it) against what the task wants. */
    static String diff(CibDiff live, CibDiff wanted) {
        List<String> a = live == null ? List.of() : lines(live.liveView());
        List<String> b = lines(wanted.wantedView());
        var patch = DiffUtils.diff(a, b);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("live CIB (cibadmin --query --scope configuration)",
                "playbook", a, patch, 3)) + "\n";
    }

    private static List<String> lines(CibNode configuration) {
        return configuration.children().isEmpty() ? List.of() : configuration.xml().lines().toList();
    }

    private static String describe(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
