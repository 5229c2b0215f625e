package dev.duet.drbd.steps;

import dev.duet.step.Args;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Argument helpers shared by the DRBD modules: durations and load-time checks of literal values. */
final class DrbdArgs {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private DrbdArgs() {
    }

    /** "90", "90s", "500ms", "2m", "1h"; a bare number is seconds. */
    static Duration duration(Args args, String key, Duration fallback) {
        if (!args.has(key)) {
            return fallback;
        }
        String v = args.string(key).strip();
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw args.error(key, "must be a duration like 90s, 5m or 1h, got '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * Rejects metacharacters in names and paths written literally in the playbook, before any host is
     * contacted; templated values ({@code {{ ... }}}) are checked again once templated, in bind.
     */
    static void validateLiterals(String module, Map<String, Object> raw, Args.Location where,
                                 Map<String, Kind> keys) {
        Args args = Args.literals(module, raw, where);
        keys.forEach((key, kind) -> {
            if (args.raw().get(key) instanceof String) {
                if (kind == Kind.NAME) {
                    args.name(key);
                } else {
                    args.path(key);
                }
            }
        });
    }

    enum Kind { NAME, PATH }
}
