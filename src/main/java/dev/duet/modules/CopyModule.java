package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Ansible's {@code copy}: {@code dest} with {@code content} or {@code src} (a local file, relative to
 * the playbook's directory), {@code mode}, {@code owner}, {@code group}, {@code backup}.
 */
public final class CopyModule implements Module {
    private final Clock clock;

    public CopyModule() {
        this(Clock.systemDefaultZone());
    }

    /** With a fixed clock, backup names are predictable (tests). */
    public CopyModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("dest");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("content", "src", "mode", "owner", "group", "backup");
    }

    @Override
    public Step bind(Args args) {
        String dest = args.path("dest");
        if (dest.endsWith("/")) {
            throw args.error("dest", "must name a file, not a directory, got '" + dest + "'");
        }
        if (args.has("content") == args.has("src")) {
            throw args.error(args.has("src") ? "src" : "content", "exactly one of 'content' and 'src' is required");
        }
        byte[] content = args.has("content")
                ? args.string("content").getBytes(StandardCharsets.UTF_8)
                : readLocal(args);
        return new CopyStep(dest, content, FileArgs.mode(args).orElse(null), FileArgs.owner(args).orElse(null),
                args.bool("backup", false), clock);
    }

    private static byte[] readLocal(Args args) {
        Path src = LocalFiles.resolve(args, "src", "files");
        try {
            return Files.readAllBytes(src);
        } catch (IOException e) {
            throw args.error("src", "names a file that cannot be read: " + src + " (" + e.getMessage() + ")");
        }
    }
}
