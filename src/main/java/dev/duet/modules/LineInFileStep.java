package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.DeclaredModule;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's {@code lineinfile}: edits one line of a text file (e.g. /etc/hosts), keeping the file's mode and
 * owner. Arguments: {@code path}, {@code line}, {@code regexp}, {@code state: present|absent},
 * {@code create}, {@code insertafter} ({@code EOF} or a regular expression), {@code backup}.
 */
public final class LineInFileStep implements Step {
    private static final String NEW_FILE_MODE = "0644";

    private final String path;
    private final LineEdit edit;
    private final boolean create;
    private final boolean backup;
    private final Clock clock;

    public LineInFileStep(String path, LineEdit edit, boolean create, boolean backup, Clock clock) {
        this.path = path;
        this.edit = edit;
        this.create = create;
        this.backup = backup;
        this.clock = clock;
    }

    public static Module module() {
        return module(Clock.systemDefaultZone());
    }

    public static Module module(Clock clock) {
        return DeclaredModule.named("lineinfile").required("path")
                .optional("line", "regexp", "state", "create", "insertafter", "backup")
                .validates((raw, where) -> Args.checkBooleans("lineinfile", raw, where, "create", "backup"))
                .binds(args -> bind(args, clock));
    }

    private static Step bind(Args args, Clock clock) {
        String path = args.path("path");
        boolean present = args.oneOf("state", "present", "present", "absent").equals("present");
        Pattern regexp = args.optString("regexp").map(r -> regex(args, "regexp", r)).orElse(null);
        String line = args.optString("line").orElse(null);
        if (present && line == null) {
            throw args.error("line", "is required when state is present");
        }
        if (!present && line == null && regexp == null) {
            throw args.error("regexp", "or 'line' is required when state is absent");
        }
        if (line != null && line.contains("\n")) {
            throw args.error("line", "must be a single line");
        }
        String after = args.string("insertafter", "EOF");
        Pattern insertAfter = after.equals("EOF") ? null : regex(args, "insertafter", after);
        LineEdit edit = new LineEdit(line, regexp, present, insertAfter);
        return new LineInFileStep(path, edit, args.bool("create", false), args.bool("backup", false), clock);
    }

    private static Pattern regex(Args args, String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw args.error(key, "is not a valid regular expression: " + e.getDescription());
        }
    }

    @Override
    public Check check(StepContext ctx) {
        Node node = ctx.node();
        Optional<String> current = read(node);
        if (current.isEmpty() && !edit.present()) {
            return Check.ok(path + " does not exist");
        }
        if (current.isEmpty() && !create) {
            throw missing(node);
        }
        String after = edit.apply(current.orElse(""));
        if (current.isPresent() && after.equals(current.get())) {
            return Check.ok(path + " is up to date");
        }
        return wanted(node, after, current.isPresent()).check(node);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        Optional<String> current = read(node);
        if (current.isEmpty() && (!edit.present() || !create)) {
            if (edit.present()) {
                throw missing(node);
            }
            return Done.unchanged(path + " does not exist");
        }
        String after = edit.apply(current.orElse(""));
        if (current.isPresent() && after.equals(current.get())) {
            return Done.unchanged(path + " is up to date");
        }
        String saved = null;
        if (backup && current.isPresent()) {
            saved = Backup.copyAside(node, path, clock);
        }
        Done done = wanted(node, after, current.isPresent()).put(node);
        return saved == null ? done : new Done(done.message() + " (old one kept as " + saved + ")", done.diff(),
                done.changed());
    }

    /** The rewritten file carries the old mode and owner over (it is replaced by rename). */
    private ManagedFile wanted(Node node, String content, boolean exists) {
        Optional<FileAttributes> attrs = exists ? FileAttributes.stat(node, path) : Optional.empty();
        return new ManagedFile(path, content.getBytes(StandardCharsets.UTF_8),
                attrs.map(FileAttributes::mode).orElse(NEW_FILE_MODE), attrs.map(FileAttributes::owner).orElse(null),
                false);
    }

    private Optional<String> read(Node node) {
        return node.readFile(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private DuetException missing(Node node) {
        return new DuetException(Reason.PRECONDITION, node.name() + ": " + path
                + " does not exist (set 'create: yes' to create it)");
    }
}
