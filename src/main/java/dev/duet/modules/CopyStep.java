package dev.duet.modules;

import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/** Puts a file in place with its content, mode and owner; an existing file keeps what was not asked for. */
public final class CopyStep implements Step {
    /** Ansible's default for a new file under the usual umask. */
    private static final String NEW_FILE_MODE = "0644";

    private final String dest;
    private final byte[] content;
    private final String mode;
    private final String owner;
    private final boolean backup;
    private final Clock clock;

    public CopyStep(String dest, byte[] content, String mode, String owner, boolean backup, Clock clock) {
        this.dest = dest;
        this.content = content.clone();
        this.mode = mode;
        this.owner = owner;
        this.backup = backup;
        this.clock = clock;
    }

    @Override
    public Check check(StepContext ctx) {
        return wanted(ctx.node()).check(ctx.node());
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Optional<byte[]> current = node.readFile(dest);
        String saved = null;
        if (backup && current.isPresent() && !Arrays.equals(current.get(), content)) {
            saved = Backup.copyAside(node, dest, clock);
        }
        Done done = wanted(node).put(node);
        return saved == null ? done : new Done(done.message() + " (old one kept as " + saved + ")", done.diff(),
                done.changed());
    }

    /** Writing goes through a temp file and rename, so unset mode/owner are carried over explicitly. */
    private ManagedFile wanted(Node node) {
        String m = mode;
        String o = owner;
        if (m == null || o == null) {
            Optional<FileAttributes> now = FileAttributes.stat(node, dest);
            m = m != null ? m : now.map(FileAttributes::mode).orElse(NEW_FILE_MODE);
            o = o != null ? o : now.map(FileAttributes::owner).orElse(null);
        }
        return new ManagedFile(dest, content, m, o, false);
    }
}
