package dev.duet.cluster.handover;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only: finds the marks the simple playbook (dual-primary-ocfs2.yml) leaves on a node, the o2cb
 * cluster online and an fstab line that mounts OCFS2 after o2cb, and refuses to go on. Handing such a
 * pair to Pacemaker means unmounting, stopping o2cb and moving the filesystem to the pcmk stack, which
 * Duet does not do behind the user's back.
 */
public final class ClusterPreflightStep implements Step {
    static final Command O2CB_STATUS = Command.probe("o2cb", "cluster-status");
    private static final String FSTAB = "/etc/fstab";

    /** Both reads: o2cb's answer is a failure on a Pacemaker pair, which would end a check read ahead there. */
    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return new LikelyReads(List.of(O2CB_STATUS), List.of(FSTAB));
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        List<String> marks = new ArrayList<>();
        var r = node.run(O2CB_STATUS);
        if (r.ok() && r.stdout().contains("is online")) {
            marks.add("the o2cb cluster is online (`o2cb cluster-status`: " + r.stdout().strip().lines().findFirst().orElse("") + ")");
        }
        String fstab = node.readFile(FSTAB).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        fstab.lines().filter(l -> !l.strip().startsWith("#") && l.contains("x-systemd.requires=o2cb.service"))
                .findFirst().ifPresent(l -> marks.add("/etc/fstab mounts OCFS2 after o2cb (`" + l.strip() + "`)"));
        if (!marks.isEmpty()) {
            throw new DuetException(Reason.REFUSED, node.name() + ": this pair runs the simple o2cb stack built by"
                    + " dual-primary-ocfs2.yml: " + String.join("; ", marks) + ". The Pacemaker playbook does not convert"
                    + " it half-way. To move it by hand: unmount the volume on both nodes, remove its /etc/fstab line,"
                    + " `systemctl disable --now o2cb`, switch the volume with `tunefs.ocfs2 --update-cluster-stack`"
                    + " once the pcmk stack runs; or keep using dual-primary-ocfs2.yml. Nothing was changed");
        }
        return Check.ok("no o2cb stack or o2cb mount on " + node.name());
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        return Done.unchanged(check.message());
    }
}
