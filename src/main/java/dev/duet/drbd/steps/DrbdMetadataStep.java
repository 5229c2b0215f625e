package dev.duet.drbd.steps;

import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdCommands;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code drbdadm create-md} only where the device has no DRBD metadata and no other signature; a device
 * holding a filesystem or partition table is refused unless the playbook says {@code wipe: true}.
 * create-md gets {@code --force} only after this guard decided, and nothing is ever fed to its prompts.
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

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        var md = MetadataProbe.metadata(node, sources.apply(node), res, ctx.checkMode());
        if (md.metadata() == MetadataProbe.Metadata.PRESENT) {
            return Check.ok(res + ": " + md.detail() + "; create-md not needed");
        }
        Optional<String> dev = MetadataProbe.backingDevice(node, res, disk);
        if (dev.isEmpty()) {
            if (ctx.checkMode()) {
                return Check.change("would create DRBD metadata for " + res + " (" + md.detail() + ")");
            }
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot find the backing device of "
                    + res + " (`drbdadm sh-ll-dev` gave nothing); set `disk` on drbd_metadata");
        }
        Map<String, String> sig = MetadataProbe.signatures(node, dev.get());
        if (sig.isEmpty()) {
            return Check.change("would create DRBD metadata for " + res + " on " + dev.get() + " (" + md.detail()
                    + ", no other signature)");
        }
        if (!wipe) {
            throw new DuetException(Reason.REFUSED, node.name() + ": backing device " + dev.get() + " of " + res
                    + " carries " + MetadataProbe.describe(sig) + " and no DRBD metadata; refusing to run create-md "
                    + "over it. If its data may be destroyed, set `wipe: true` on drbd_metadata");
        }
        return Check.change("would WIPE " + MetadataProbe.describe(sig) + " from " + dev.get()
                + " (wipe: true) and create DRBD metadata for " + res);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Check now = check(ctx);
        if (!now.needsChange()) {
            return Done.unchanged(now.message());
        }
        DrbdVersion v = DrbdProbe.of(node).version().orElseThrow(() -> new DuetException(Reason.PRECONDITION,
                node.name() + ": DRBD is not installed (no kernel module or drbdadm version found)"));
        String dev = MetadataProbe.backingDevice(node, res, disk).orElseThrow();
        Map<String, String> sig = MetadataProbe.signatures(node, dev);
        boolean signed = !sig.isEmpty();
        if (signed) {
            node.run(Command.change("wipefs", "-a", dev)).orThrow(node.name());
        }
        node.run(DrbdCommands.createMd(v, res, signed)).orThrow(node.name());
        return Done.changed((signed ? "wiped " + MetadataProbe.describe(sig) + " from " + dev + " (wipe: true) and " : "")
                + "created DRBD metadata for " + res + " on " + dev);
    }
}
