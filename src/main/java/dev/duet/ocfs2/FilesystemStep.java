package dev.duet.ocfs2;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.Node;

/**
 * Creates the OCFS2 filesystem once, on one node (the playbook says {@code run_once: true}): mkfs only
 * on a device where blkid finds nothing; an existing OCFS2 is kept, anything else is refused, never
 * reformatted. The act half probes again right before mkfs, so a stale check cannot lead to a format.
 */
public final class FilesystemStep implements Step {
    private final String device;
    private final Mkfs spec;
    /** Hosts of the play, known once a check ran: the GFS2 journal count follows it. */
    private int playNodes = 2;

    public FilesystemStep(String device, String label, int slots, String blockSize, String clusterSize) {
        this(device, new Mkfs("ocfs2", label, slots, blockSize, clusterSize, "o2cb", null, null, null));
    }

    public FilesystemStep(String device, Mkfs spec) {
        this.device = device;
        this.spec = spec;
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.probes(BlockSignature.command(device));
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        prepare(ctx);
        BlockSignature sig = BlockSignature.probe(node, device);
        switch (sig.kind()) {
            case FOUND -> {
                return existing(ctx, sig);
            }
            case BLANK -> {
                return Check.change("would create " + spec.display() + " on " + device + ": " + mkfs().line());
            }
            default -> {
                if (ctx.checkMode()) {
                    return Check.change(device + " cannot be probed yet (" + sig.detail() + "); " + mkfs().argv().get(0) + " would run"
                            + " if blkid finds no filesystem on it then");
                }
                throw unreadable(node, sig);
            }
        }
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        prepare(ctx);
        BlockSignature sig = BlockSignature.probe(node, device);
        if (sig.kind() == BlockSignature.Kind.FOUND) {
            return Done.unchanged(existing(ctx, sig).message());
        }
        if (sig.kind() != BlockSignature.Kind.BLANK) {
            throw unreadable(node, sig);
        }
        var result = node.run(mkfs());
        if (!result.ok()) {
            if ((result.stderr() + result.stdout()).contains("Wrong medium type")) {
                throw new DuetException(Reason.PRECONDITION, node.name() + ": " + mkfs().argv().get(0) + " could not open " + device
                        + " (Wrong medium type): the DRBD resource must be Primary on this node before mkfs");
            }
            throw new CommandFailedException(node.name(), result);
        }
        return Done.changed("created " + spec.display() + " on " + device + ": " + mkfs().line());
    }

    private Check existing(StepContext ctx, BlockSignature sig) {
        if (!sig.is(spec.fstype())) {
            throw new DuetException(Reason.REFUSED, ctx.node().name() + ": " + device + " already carries "
                    + sig.type() + (sig.label() == null ? "" : " (label '" + sig.label() + "')")
                    + ", expected " + spec.display() + " or nothing; Duet never reformats a device. If its data is really unwanted,"
                    + " wipe it by hand (wipefs -a " + device + ") and run again");
        }
        if (!spec.expectedLabel().equals(sig.label())) {
            ctx.warn(ctx.node().name() + ": " + device + " is " + spec.display() + " with label '" + sig.label()
                    + "', the playbook says '" + spec.expectedLabel() + "'; left as it is ("
                    + ("gfs2".equals(spec.fstype()) ? "tunegfs2 -o locktable=" : "tunefs.ocfs2 -L") + " relabels)");
        }
        return Check.ok(device + " already " + spec.display() + ", label '" + sig.label() + "'; mkfs skipped");
    }

    private DuetException unreadable(Node node, BlockSignature sig) {
        return new DuetException(Reason.PRECONDITION, node.name() + ": cannot probe " + device + " for a filesystem ("
                + sig.detail() + "); the DRBD device must be up and Primary on this node before mkfs");
    }

    Command mkfs() {
        return spec.command(device, playNodes);
    }

    /**
     * Before any probe: the play's node count (GFS2 journals), and on Pacemaker's stack the cluster
     * name corosync runs with, which the filesystem must carry or no node can mount it.
     */
    private void prepare(StepContext ctx) {
        playNodes = ctx.playNodes().size();
        if (spec.onPacemaker()) {
            CorosyncName.require(ctx.node(), spec.clusterName(), ctx.checkMode());
        }
    }
}
