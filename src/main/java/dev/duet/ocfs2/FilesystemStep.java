package dev.duet.ocfs2;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the OCFS2 filesystem once, on one node (the playbook says {@code run_once: true}): mkfs only
 * on a device where blkid finds nothing; an existing OCFS2 is kept, anything else is refused, never
 * reformatted. The act half probes again right before mkfs, so a stale check cannot lead to a format.
 */
public final class FilesystemStep implements Step {
    private final String device;
    private final String label;
    private final int slots;
    private final String blockSize;
    private final String clusterSize;

    public FilesystemStep(String device, String label, int slots, String blockSize, String clusterSize) {
        this.device = device;
        this.label = label;
        this.slots = slots;
        this.blockSize = blockSize;
        this.clusterSize = clusterSize;
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        BlockSignature sig = BlockSignature.probe(node, device);
        switch (sig.kind()) {
            case FOUND -> {
                return existing(ctx, sig);
            }
            case BLANK -> {
                return Check.change("would create OCFS2 on " + device + ": " + mkfs().line());
            }
            default -> {
                if (ctx.checkMode()) {
                    return Check.change(device + " cannot be probed yet (" + sig.detail() + "); mkfs.ocfs2 would run"
                            + " if blkid finds no filesystem on it then");
                }
                throw unreadable(node, sig);
            }
        }
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
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
                throw new DuetException(Reason.PRECONDITION, node.name() + ": mkfs.ocfs2 could not open " + device
                        + " (Wrong medium type): the DRBD resource must be Primary on this node before mkfs");
            }
            throw new CommandFailedException(node.name(), result);
        }
        return Done.changed("created OCFS2 on " + device + ": " + mkfs().line());
    }

    private Check existing(StepContext ctx, BlockSignature sig) {
        if (!sig.is("ocfs2")) {
            throw new DuetException(Reason.REFUSED, ctx.node().name() + ": " + device + " already carries "
                    + sig.type() + (sig.label() == null ? "" : " (label '" + sig.label() + "')")
                    + ", expected OCFS2 or nothing; Duet never reformats a device. If its data is really unwanted,"
                    + " wipe it by hand (wipefs -a " + device + ") and run again");
        }
        if (!label.equals(sig.label())) {
            ctx.warn(ctx.node().name() + ": " + device + " is OCFS2 with label '" + sig.label() + "', the playbook"
                    + " says '" + label + "'; left as it is (tunefs.ocfs2 -L relabels)");
        }
        return Check.ok(device + " already OCFS2, label '" + sig.label() + "'; mkfs skipped");
    }

    private DuetException unreadable(Node node, BlockSignature sig) {
        return new DuetException(Reason.PRECONDITION, node.name() + ": cannot probe " + device + " for a filesystem ("
                + sig.detail() + "); the DRBD device must be up and Primary on this node before mkfs");
    }

    Command mkfs() {
        List<String> argv = new ArrayList<>(List.of("mkfs.ocfs2", "-N", String.valueOf(slots), "-L", label));
        if (blockSize != null) {
            argv.addAll(List.of("-b", blockSize));
        }
        if (clusterSize != null) {
            argv.addAll(List.of("-C", clusterSize));
        }
        argv.add(device);
        return Command.change(argv.toArray(String[]::new)).withTimeout(Duration.ofMinutes(30));
    }
}
