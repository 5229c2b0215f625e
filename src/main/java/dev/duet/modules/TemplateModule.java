package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Ansible's {@code template}: {@code src} (a Jinja2 file on this machine: a role's {@code templates/},
 * else next to the task's file) rendered with the host's variables, written to {@code dest} like
 * {@code copy} ({@code mode}, {@code owner}, {@code group}, {@code backup}). The file is parsed when the
 * playbook loads; it is rendered in the check half, so plan shows the diff.
 */
public final class TemplateModule implements Module {
    @Override
    public String name() {
        return "template";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("src", "dest");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("mode", "owner", "group", "backup");
    }

    @Override
    public Step bind(Args args) {
        String dest = args.path("dest");
        Path src = LocalFiles.resolve(args, "src", "templates");
        String text;
        try {
            text = Files.readString(src);
        } catch (IOException e) {
            throw args.error("src", "names a file that cannot be read: " + src + " (" + e.getMessage() + ")");
        }
        String mode = FileArgs.mode(args).orElse(null);
        String owner = FileArgs.owner(args).orElse(null);
        boolean backup = args.bool("backup", false);
        return new Step() {
            @Override
            public Check check(StepContext ctx) {
                CopyStep copy = rendered(ctx);
                return copy.check(ctx).with(copy);
            }

            /** Writes what the check rendered (the copy re-reads the file and decides again). */
            @Override
            public Done act(StepContext ctx, Check check) {
                CopyStep copy = check.decision(CopyStep.class).orElseGet(() -> rendered(ctx));
                return copy.act(ctx, check);
            }

            private CopyStep rendered(StepContext ctx) {
                byte[] content = ctx.renderTemplate(text, src.toString()).getBytes(StandardCharsets.UTF_8);
                return new CopyStep(dest, content, mode, owner, backup, Clock.systemDefaultZone());
            }
        };
    }
}
