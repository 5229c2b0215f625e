package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.config.ResourceModel;
import dev.duet.drbd.config.ResourceRenderer;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ManagedFile;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Renders the resource file and global_common.conf; a running resource whose file changed, or whose
 * running configuration drifted from the file ({@code drbdadm -d adjust} has something to do), is
 * brought in line with {@code drbdadm adjust}.
 */
final class DrbdResourceStep implements Step {
    static final String GLOBAL_COMMON = "/etc/drbd.d/global_common.conf";

    private final ResourceModel declared;
    private final String dialect;
    private final Function<Node, StateSource> sources;

    DrbdResourceStep(ResourceModel model, String dialect, Function<Node, StateSource> sources) {
        this.declared = model;
        this.dialect = dialect;
        this.sources = sources;
    }

    /** On a converged host: both files, the versions, the resource's state and the dry-run adjust. */
    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        String res = declared.name();
        return new LikelyReads(List.of(DrbdCommands.PROC_DRBD, DrbdCommands.UTILS_VERSION, DrbdCommands.status(res),
                DrbdCommands.adjustDryRun(res)), List.of(resPath(), GLOBAL_COMMON));
    }

    @Override
    public Check check(StepContext ctx) {
        HostNames.verify(ctx, declared);
        declared.dangerousPolicies().forEach(p -> ctx.warn("DRBD resource " + declared.name() + " uses `" + p
                + "`: with a cluster filesystem this silently throws away one node's writes after a split brain"));
        Node node = ctx.node();
        refuseSplitBrain(ctx);
        // The act writes exactly the model decided here (allow-two-primaries may depend on the sync state).
        ResourceModel model = decideAllowTwoPrimaries(node);
        String effective = effectiveDialect(ctx);
        List<String> messages = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        for (ManagedFile f : files(model, effective)) {
            Check c = f.check(node);
            if (c.needsChange()) {
                messages.add(c.message());
                if (c.diff() != null) {
                    diff.append(redactedDiff(node, f, model));
                }
            }
        }
        var running = sources.apply(node).read(model.name());
        boolean up = running.isPresent();
        if (messages.isEmpty()) {
            if (up) {
                String pending = dryRunAdjust(node, model, running.map(Device::isStandAlone).orElse(false));
                if (!pending.isBlank()) {
                    return Check.change("running configuration of " + model.name() + " differs from "
                            + resPath() + "; would run `drbdadm adjust`: " + pending.strip().replace('\n', ';')).with(model);
                }
            }
            return Check.ok(resPath() + " is up to date (DRBD " + effective + " dialect)");
        }
        if (up) {
            messages.add("would apply with `drbdadm adjust " + model.name() + "`");
        }
        if ("auto".equals(dialect) && DrbdProbe.of(node).version().isEmpty()) {
            messages.add("DRBD not installed yet: rendered in the " + effective + " dialect");
        }
        return Check.change(String.join("; ", messages), diff.isEmpty() ? null : diff.toString()).with(model);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        ResourceModel model = check.decision(ResourceModel.class).orElse(declared);
        List<String> done = new ArrayList<>();
        for (ManagedFile f : files(model, effectiveDialect(ctx))) {
            Done written = f.put(node);
            if (written.changed()) {
                done.add(written.message());
            }
        }
        if (sources.apply(node).read(model.name()).isPresent()) {
            node.run(DrbdCommands.adjust(model.name())).orThrow(node.name());
            done.add(done.isEmpty() ? "ran `drbdadm adjust " + model.name() + "`: the running configuration now "
                    + "matches " + resPath() : "applied with `drbdadm adjust " + model.name() + "`");
        }
        if (done.isEmpty()) {
            return Done.unchanged(resPath() + " is up to date");
        }
        // The check's diff is the one with the shared secret masked; the files written are the ones it diffed.
        return Done.changed(String.join("; ", done), check.diff());
    }

    /**
     * With allow_two_primaries: after-initial-sync, the answer is yes once this node's file already says
     * so (never turned back off) or once the running resource is UpToDate on both sides; no before that.
     */
    private ResourceModel decideAllowTwoPrimaries(Node node) {
        if (!declared.allowTwoPrimariesAfterInitialSync()) {
            return declared;
        }
        boolean already = node.readFile(resPath())
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .map(t -> t.matches("(?s).*allow-two-primaries\\s+yes\\s*;.*"))
                .orElse(false);
        boolean synced = sources.apply(node).read(declared.name())
                .map(Device::isUpToDateOnBoth)
                .orElse(false);
        return declared.withAllowTwoPrimaries(already || synced);
    }

    /**
     * A StandAlone resource has no connection in its running configuration, so `drbdadm adjust` would
     * connect it: over a split brain that is a decision for `duet recover`, not for convergence.
     */
    private void refuseSplitBrain(StepContext ctx) {
        var mine = sources.apply(ctx.node()).read(declared.name());
        if (mine.isPresent() && !PairView.connected(mine)) {
            PairView.read(ctx, sources, declared.name()).refuseSplitBrain(ctx, sources);
        }
    }

    String resPath() {
        return "/etc/drbd.d/" + declared.name() + ".res";
    }

    /** The files of the model as declared (before the check decides allow-two-primaries). */
    List<ManagedFile> files(String effectiveDialect) {
        return files(declared, effectiveDialect);
    }

    List<ManagedFile> files(ResourceModel model, String effectiveDialect) {
        ManagedFile global = ManagedFile.text(GLOBAL_COMMON, ResourceRenderer.globalCommon(), "0644");
        String text = ResourceRenderer.render(model, effectiveDialect);
        ManagedFile res = model.secret() == null ? ManagedFile.text(resPath(), text, "0644")
                : ManagedFile.text(resPath(), text, "0600").sensitive();
        return List.of(global, res);
    }

    private String effectiveDialect(StepContext ctx) {
        if (!"auto".equals(dialect)) {
            return dialect;
        }
        var version = DrbdProbe.of(ctx.node()).version();
        if (version.isPresent()) {
            return version.get().dialect();
        }
        if (ctx.checkMode()) {
            return "8.4";
        }
        throw new DuetException(Reason.PRECONDITION, ctx.node().name() + ": cannot tell the DRBD version: no "
                + "/proc/drbd, `modinfo drbd` and `drbdadm --version` gave nothing; install drbd-utils and the "
                + "kernel module first, or set `dialect: 8.4|9`");
    }

    private static boolean isConnect(String adjustLine) {
        String[] words = adjustLine.strip().split("\\s+");
        return words.length > 1 && "connect".equals(words[1]);
    }

    /** The diff, with the shared secret masked: the file is shown, the secret never. */
    private String redactedDiff(Node node, ManagedFile f, ResourceModel model) {
        String before = node.readFile(f.path()).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        String diff = ManagedFile.unifiedDiff(f.path(), before, f.content());
        return model.secret() == null ? diff : redactSecretLines(model.secret().redact(diff));
    }

    /** Masks shared-secret lines of the old file too: it may hold a previous secret we do not know. */
    private static String redactSecretLines(String diff) {
        return diff.replaceAll("(?m)^([-+ ]\\s*shared-secret\\s+).*$", "$1\"" + dev.duet.drbd.config.Secret.MASK + "\";");
    }

    /**
     * {@code standAlone}: a StandAlone resource has no running connection, so adjust proposes a connect;
     * that is the connection state (drbd_up's business), not drift of the configuration.
     */
    private String dryRunAdjust(Node node, ResourceModel model, boolean standAlone) {
        CommandResult r = DrbdProbe.of(node).adjustDryRun(model.name());
        if (!r.ok()) {
            return "";
        }
        // Only the commands adjust would run count; anything else it prints is commentary.
        String out = r.stdout().lines().filter(l -> l.contains("drbdsetup") || l.contains("drbdmeta"))
                .filter(l -> !(standAlone && isConnect(l)))
                .map(l -> l.replaceAll("--shared-secret[= ]\\S+", "--shared-secret=***"))
                .collect(java.util.stream.Collectors.joining("\n"));
        return model.secret() == null ? out : model.secret().redact(out);
    }
}
