package dev.duet.ocfs2;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.modules.ManagedFile;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ansible's mount states: {@code mounted} (fstab entry and mounted), {@code present} (fstab only),
 * {@code unmounted} (fstab untouched), {@code absent} (unmounted and out of fstab; the directory stays).
 * Something else mounted at the path is never unmounted to make room: that is refused.
 */
public final class MountStep implements Step {
    public enum State { MOUNTED, PRESENT, UNMOUNTED, ABSENT }

    private final FstabEntry entry;
    private final State state;

    public MountStep(FstabEntry entry, State state) {
        this.entry = entry;
        this.state = state;
    }

    private record Plan(ManagedFile fstab, Check fstabCheck, boolean mounted, boolean mount, boolean unmount) {
        boolean fstabChange() {
            return fstabCheck != null && fstabCheck.needsChange();
        }
    }

    @Override
    public LikelyReads likelyReads(StepContext ctx) {
        return new LikelyReads(List.of(MountInfo.READ), List.of(Fstab.PATH));
    }

    @Override
    public Check check(StepContext ctx) {
        Plan plan = inspect(ctx.node());
        List<String> changes = new ArrayList<>();
        if (plan.fstabChange()) {
            changes.add(plan.fstabCheck().message());
        }
        if (plan.mount()) {
            changes.add(entry.path() + " would be mounted (" + entry.src() + ", " + entry.fstype() + ")");
        }
        if (plan.unmount()) {
            changes.add(entry.path() + " would be unmounted");
        }
        if (changes.isEmpty()) {
            return Check.ok(entry.path() + " " + describeState(plan.mounted()));
        }
        return Check.change(String.join("; ", changes), plan.fstabChange() ? plan.fstabCheck().diff() : null);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Plan plan = inspect(node);
        List<String> done = new ArrayList<>();
        String diff = null;
        if (plan.unmount()) {
            node.run(Command.change("umount", entry.path())).orThrow(node.name());
            done.add("unmounted " + entry.path());
        }
        if (plan.fstabChange()) {
            Done written = plan.fstab().put(node);
            if (written.changed()) {
                // systemd generates mount units from fstab; without a reload it keeps the old ones
                node.run(Command.change("systemctl", "daemon-reload")).orThrow(node.name());
                done.add(written.message());
                diff = written.diff();
            }
        }
        if (plan.mount()) {
            node.run(Command.change("mkdir", "-p", entry.path())).orThrow(node.name());
            node.run(Command.change("mount", "-t", entry.fstype(), "-o", kernelOpts(), entry.src(), entry.path()))
                    .orThrow(node.name());
            done.add("mounted " + entry.path() + " (" + entry.src() + ", " + entry.fstype() + ")");
        }
        if (done.isEmpty()) {
            return Done.unchanged(entry.path() + " " + describeState(plan.mounted()));
        }
        return Done.changed(String.join("; ", done), diff);
    }

    private Plan inspect(Node node) {
        boolean mounted = mountedHere(node);
        ManagedFile fstab = null;
        Check fstabCheck = null;
        String current = node.readFile(Fstab.PATH).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        if (state == State.MOUNTED || state == State.PRESENT) {
            fstab = ManagedFile.text(Fstab.PATH, Fstab.put(current, entry), "0644");
            fstabCheck = fstab.check(node);
        } else if (state == State.ABSENT && current != null) {
            fstab = ManagedFile.text(Fstab.PATH, Fstab.remove(current, entry.path()), "0644");
            fstabCheck = fstab.check(node);
        }
        boolean mount = state == State.MOUNTED && !mounted;
        boolean unmount = (state == State.UNMOUNTED || state == State.ABSENT) && mounted;
        return new Plan(fstab, fstabCheck, mounted, mount, unmount);
    }

    private Command findmnt() {
        return Command.probe("findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "--mountpoint", entry.path());
    }

    /** A mount's source and fstype, as findmnt prints them. */
    private record Mounted(String source, String fstype) {
    }

    /**
     * True when our source is mounted at the path; refuses when something else is. The mount table answers
     * when it is unambiguous (one whole filesystem at exactly this path); anything else is asked of findmnt,
     * which resolves the path and picks among stacked mounts.
     */
    private boolean mountedHere(Node node) {
        Optional<Mounted> m = MountInfo.wholeFilesystemAt(node.run(MountInfo.READ), entry.path())
                .map(e -> new Mounted(e.source(), e.fstype()))
                .or(() -> findmntAt(node));
        if (m.isEmpty()) {
            return false;
        }
        String source = m.get().source();
        String fstype = m.get().fstype();
        if (!fstype.equals(entry.fstype()) || !sameSource(node, source)) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": " + entry.path() + " has " + source + " ("
                    + fstype + ") mounted, expected " + entry.src() + " (" + entry.fstype()
                    + "); Duet does not unmount what it did not mount: unmount it by hand if it is not needed");
        }
        return true;
    }

    /** What findmnt shows at the path; empty when nothing is mounted there (or findmnt failed). */
    private Optional<Mounted> findmntAt(Node node) {
        var r = node.run(findmnt());
        if (!r.ok() || r.stdout().isBlank()) {
            return Optional.empty();
        }
        String[] f = r.stdout().strip().split("\n")[0].strip().split("\\s+");
        return Optional.of(new Mounted(f[0], f.length > 1 ? f[1] : ""));
    }

    private boolean sameSource(Node node, String mountedSource) {
        if (mountedSource.equals(entry.src())) {
            return true;
        }
        Command resolve = entry.src().startsWith("/") ? Command.probe("readlink", "-f", entry.src())
                : Command.probe("findfs", entry.src());
        var r = node.run(resolve);
        return r.ok() && r.stdout().strip().equals(mountedSource);
    }

    /** x-* options are for systemd's fstab generator; libmount drops them, we do not rely on that. */
    private String kernelOpts() {
        String opts = Arrays.stream(entry.opts().split(","))
                .filter(o -> !o.startsWith("x-"))
                .collect(Collectors.joining(","));
        return opts.isEmpty() ? "defaults" : opts;
    }

    private String describeState(boolean mounted) {
        return switch (state) {
            case MOUNTED -> "mounted and in /etc/fstab";
            case PRESENT -> "in /etc/fstab" + (mounted ? " (mounted)" : " (not mounted)");
            case UNMOUNTED -> "not mounted";
            case ABSENT -> "not mounted and not in /etc/fstab";
        };
    }
}
