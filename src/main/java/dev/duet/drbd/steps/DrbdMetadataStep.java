package dev.duet.drbd.steps;

import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code drbdadm create-md} only where the device has no DRBD metadata and no other signature; a device
 * holding a filesystem or partition table is refused unless the playbook says {@code wipe: true}.
 * create-md gets {@code --force} only after this guard decided, and nothing is ever fed to its prompts.
 * The act half decides again by the same rule on a fresh probe and then acts on that decision alone: a
 * signature or a failed probe seen only by the act half refuses, it never turns into a wipe.
 */
final class DrbdMetadataStep implements Step {
    private final String res;
    private final Optional<String> disk;
    private final boolean wipe;
    private final Function<Node, StateSource> sources;

    DrbdMetadataStep(String res, Optional<String> disk, boolean wipe, Function<Node, StateSource> sources) {
        this.res = res;
        this.disk = disk;
        this.wipe = wipe;
        this.sources = sources;
    }

    /**
     * What both halves decide, by one rule: create-md where there is no metadata and blkid finds nothing;
     * over a signature only with {@code wipe: true}, and then only on the device drbdadm itself names as
     * the backing disk. {@code wipeFirst} is true only when {@code wipe} is.
     */
    private record Decision(Check check, String dev, boolean wipeFirst, BlockSignature sig) {
        static Decision none(Check check) {
            return new Decision(check, null, false, null);
        }
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.probes(DrbdCommands.status(res));
    }

    @Override
    public Check check(StepContext ctx) {
        return decide(ctx).check();
    }

    private Decision decide(StepContext ctx) {
        Node node = ctx.node();
        var md = MetadataProbe.metadata(node, sources.apply(node), res, ctx.checkMode());
        if (md.metadata() == MetadataProbe.Metadata.PRESENT) {
            return Decision.none(Check.ok(res + ": " + md.detail() + "; create-md not needed"));
        }
        Optional<String> dev = MetadataProbe.backingDevice(node, res, disk);
        if (dev.isEmpty()) {
            if (ctx.checkMode()) {
                return Decision.none(Check.change("would create DRBD metadata for " + res + " (" + md.detail() + ")"));
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot find the backing device of "
                    + res + " (`drbdadm sh-ll-dev` gave nothing); set `disk` on drbd_metadata");
        }
        BlockSignature sig = MetadataProbe.signature(node, res, dev.get());
        if (sig.kind() == BlockSignature.Kind.BLANK) {
            return new Decision(Check.change("would create DRBD metadata for " + res + " on " + dev.get() + " ("
                    + md.detail() + ", no other signature)"), dev.get(), false, sig);
        }
        if (!wipe) {
            throw new DuetException(Reason.REFUSED, node.name() + ": backing device " + dev.get() + " of " + res
                    + " carries " + MetadataProbe.describe(sig) + " and no DRBD metadata; refusing to run create-md "
                    + "over it. If its data may be destroyed, set `wipe: true` on drbd_metadata");
        }
        String what = "WIPE " + MetadataProbe.describe(sig) + " from " + dev.get();
        List<String> named = MetadataProbe.drbdBackingDevices(node, res);
        if (named.isEmpty()) {
            if (ctx.checkMode()) {
                return Decision.none(Check.change("would " + what + " (wipe: true) once `drbdadm sh-ll-dev " + res
                        + "` confirms it is the backing disk, and create DRBD metadata for " + res));
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": `drbdadm sh-ll-dev " + res + "` does not"
                    + " name a backing disk, so Duet cannot confirm that " + dev.get() + " is the one DRBD uses;"
                    + " refusing to wipe it");
        }
        if (named.stream().noneMatch(n -> MetadataProbe.sameDevice(node, dev.get(), n))) {
            throw new DuetException(Reason.REFUSED, node.name() + ": drbd_metadata's disk " + dev.get() + " is not"
                    + " the backing disk DRBD names for " + res + " (`drbdadm sh-ll-dev " + res + "`: "
                    + String.join(", ", named) + "); refusing to wipe a device DRBD does not use");
        }
        return new Decision(Check.change("would " + what + " (wipe: true) and create DRBD metadata for " + res),
                dev.get(), true, sig);
    }

    /** Decides again on what the node shows now, and does exactly what that decision says, probing nothing after. */
    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Decision now = decide(ctx);
        if (!now.check().needsChange()) {
            return Done.unchanged(now.check().message());
        }
        if (now.dev() == null) {
            throw new IllegalStateException("a decision to create metadata without a device");
        }
        DrbdVersion v = DrbdProbe.of(node).version().orElseThrow(() -> new DuetException(Reason.PRECONDITION,
                node.name() + ": DRBD is not installed (no kernel module or drbdadm version found)"));
        if (now.wipeFirst()) {
            node.run(Command.change("wipefs", "-a", now.dev())).orThrow(node.name());
        }
        node.run(DrbdCommands.createMd(v, res, now.wipeFirst())).orThrow(node.name());
        return Done.changed((now.wipeFirst() ? "wiped " + MetadataProbe.describe(now.sig()) + " from " + now.dev()
                + " (wipe: true) and " : "") + "created DRBD metadata for " + res + " on " + now.dev());
    }
}
