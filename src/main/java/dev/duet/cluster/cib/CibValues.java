package dev.duet.cluster.cib;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When two attribute values mean the same to Pacemaker although written differently: roles in the old
 * and the 2.1 vocabulary (Master = Promoted, Slave = Unpromoted), scores ({@code inf} = {@code INFINITY}),
 * operation times ({@code 20} = {@code 20s} = {@code 20000ms}) and boolean words ({@code yes} = {@code true}).
 * Anything else compares as written, so a value Duet wrote compares equal on the next run.
 */
final class CibValues {
    private static final Pattern TIME = Pattern.compile("\\s*([0-9]+)\\s*(ms|msec|s|sec|m|min|h|hr)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> ROLE_ATTRS = Set.of("role", "rsc-role", "with-rsc-role", "first-role", "then-role");
    private static final Set<String> TIME_ATTRS = Set.of("interval", "timeout", "start-delay", "interval-origin");

    private CibValues() {
    }

    static boolean same(String tag, String attr, String wanted, String live) {
        if (wanted == null || live == null) {
            return wanted == live;
        }
        if (wanted.equals(live)) {
            return true;
        }
        if (ROLE_ATTRS.contains(attr)) {
            return role(wanted).equals(role(live));
        }
        if (attr.equals("score")) {
            return score(wanted).equals(score(live));
        }
        if (tag.equals("op") && TIME_ATTRS.contains(attr)) {
            Long a = millis(wanted);
            return a != null && a.equals(millis(live));
        }
        if (tag.equals("nvpair") && attr.equals("value")) {
            Boolean a = bool(wanted);
            return a != null && a.equals(bool(live));
        }
        return false;
    }

    static String role(String r) {
        return switch (r) {
            case "Master" -> "Promoted";
            case "Slave" -> "Unpromoted";
            default -> r;
        };
    }

    static String score(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> "INFINITY";
            case "-inf", "-infinity" -> "-INFINITY";
            default -> t.startsWith("+") ? t.substring(1) : t;
        };
    }

    /** A Pacemaker time value in milliseconds (a bare number is seconds), or null when it is not one. */
    static Long millis(String v) {
        Matcher m = TIME.matcher(v);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ms", "msec" -> n;
            case "m", "min" -> n * 60_000;
            case "h", "hr" -> n * 3_600_000;
            default -> n * 1000;
        };
    }

    /** Only boolean words: {@code 1} is not {@code true} here, since {@code clone-max=1} is a number. */
    static Boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> true;
            case "false", "no", "off", "n" -> false;
            default -> null;
        };
    }
}
