package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's {@code lineinfile}: {@code path}, {@code line}, {@code regexp}, {@code state: present|absent},
 * {@code create}, {@code insertafter} ({@code EOF} or a regular expression), {@code backup}.
 */
public final class LineInFileModule implements Module {
    private final Clock clock;

    public LineInFileModule() {
        this(Clock.systemDefaultZone());
    }

    public LineInFileModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("path");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("line", "regexp", "state", "create", "insertafter", "backup");
    }

    @Override
    public Step bind(Args args) {
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
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        Args.checkBooleans(name(), rawArgs, where, "create", "backup");
    }
}
