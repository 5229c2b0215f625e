package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.DeclaredModule;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's {@code copy}: puts a file in place with its content, mode and owner; an existing file keeps what
 * was not asked for. Arguments: {@code dest} with {@code content} or {@code src} (a local file, relative to
 * the playbook's directory), {@code mode}, {@code owner}, {@code group}, {@code backup}.
 */
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

    public static Module module() {
        return module(Clock.systemDefaultZone());
    }

    /** With a fixed clock, backup names are predictable (tests). */
    public static Module module(Clock clock) {
        return DeclaredModule.named("copy").required("dest").optional("content", "src", "mode", "owner", "group", "backup")
                .validates(CopyStep::validate).binds(args -> bind(args, clock));
    }

    private static void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args.checkBooleans("copy", rawArgs, where, "backup");
        Args literal = Args.literals("copy", rawArgs, where);
        if (literal.has("content")) {
            literal.text("content");
        }
    }

    private static Step bind(Args args, Clock clock) {
        String dest = args.path("dest");
        if (dest.endsWith("/")) {
            throw args.error("dest", "must name a file, not a directory, got '" + dest + "'");
        }
        if (args.has("content") == args.has("src")) {
            throw args.error(args.has("src") ? "src" : "content", "exactly one of 'content' and 'src' is required");
        }
        byte[] content = args.has("content")
                ? args.text("content").getBytes(StandardCharsets.UTF_8)
                : readLocal(args);
        return new CopyStep(dest, content, FileArgs.mode(args).orElse(null), FileArgs.owner(args).orElse(null),
                args.bool("backup", false), clock);
    }

    private static byte[] readLocal(Args args) {
        Path src = Path.of(args.string("src"));
        if (!src.isAbsolute() && args.where() != null && args.where().file() != null) {
            Path dir = args.where().file().toAbsolutePath().getParent();
            src = dir == null ? src : dir.resolve(src);
        }
        try {
            return Files.readAllBytes(src);
        } catch (IOException e) {
            throw args.error("src", "names a file that cannot be read: " + src + " (" + e.getMessage() + ")");
        }
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
