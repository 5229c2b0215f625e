package dev.duet.modules;

import dev.duet.step.Args;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code mode}, {@code owner} and {@code group} arguments file modules share, validated. */
final class FileArgs {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z_][a-z0-9_-]*[$]?");

    private FileArgs() {
    }

    /** An octal mode as "0644", or empty. Symbolic modes (u+x) are not supported. */
    static Optional<String> mode(Args args) {
        Object raw = args.raw().get("mode");
        if (raw instanceof Integer n) {
            return Optional.of(fromYamlInteger(args, n));
        }
        return args.optString("mode").map(String::strip).map(m -> {
            if (!MODE.matcher(m).matches()) {
                throw args.error("mode", "must be an octal mode such as '0644' (quote it in YAML), got '" + m + "'");
            }
            return m.length() == 3 ? "0" + m : m;
        });
    }

    /**
     * YAML reads an unquoted {@code 0644} as the octal number 420, which Ansible takes as the mode's
     * value, and so do we. An unquoted {@code 644} is decimal and would set setuid/sticky bits (01204):
     * numbers above 0777 are refused rather than guessed at; special bits need a quoted string.
     */
    private static String fromYamlInteger(Args args, int n) {
        String octal = Integer.toOctalString(n);
        if (n < 0 || n > 0777) {
            throw args.error("mode", "was read as the number " + n + "; write the mode as a quoted octal string such as '0"
                    + n + "'");
        }
        return "0".repeat(4 - octal.length()) + octal;
    }

    /** "owner:group", "owner", or empty; a group needs an owner (Duet sets both together). */
    static Optional<String> owner(Args args) {
        Optional<String> owner = account(args, "owner");
        Optional<String> group = account(args, "group");
        if (group.isPresent() && owner.isEmpty()) {
            throw args.error("group", "needs 'owner' as well");
        }
        return owner.map(o -> group.map(g -> o + ":" + g).orElse(o));
    }

    private static Optional<String> account(Args args, String key) {
        return args.optString(key).map(String::strip).map(v -> {
            if (!ACCOUNT.matcher(v).matches()) {
                throw args.error(key, "must be a user or group name, got '" + v + "'");
            }
            return v;
        });
    }
}
