package dev.duet.error;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are taken out of text before anyone sees it: every line Duet prints (results,
 * diffs, warnings, JSON events, errors) and every log line passes through {@link #redact}. It masks each
 * secret registered during this run (a DRBD shared secret, once read) and, because a host may print a
 * secret Duet never read (an old resource file, a peer's), anything that looks like one: drbdsetup's
 * {@code --shared-secret=...} option and a resource file's {@code shared-secret "...";} line.
 */
public final class Redaction {
    public static final String MASK = "<secret not shown>";
    /** Shorter values would mask ordinary words; the patterns still catch them in option and file form. */
    static final int MIN_LENGTH = 4;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    // Already masked text is left alone, so redacting twice changes nothing.
    private static final String MASKED = "(?!\"?" + Pattern.quote(MASK) + ")";
    private static final Pattern OPTION = Pattern.compile("(--shared-secret[= ])" + MASKED
            + "(\"[^\"]*\"|'[^']*'|[^\\s'\"]+)");
    private static final Pattern CONFIG = Pattern.compile("(?<!-)(shared-secret\\s+)" + MASKED
            + "(\"[^\"\\n]*\"|[^\\s;\"]+)");

    private Redaction() {
    }

    /** From now on, {@code secret} is masked wherever it appears. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            SECRETS.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            out = out.replace(secret, MASK);
        }
        if (out.contains("shared-secret")) {
            out = OPTION.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
            out = CONFIG.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        }
        return out;
    }
}
