package dev.duet.step;

/**
 * What a step's check half found: already as wanted (OK), would change (CHANGE), or does not apply
 * (SKIP). {@code diff} is a unified diff of files the act half would write, when there are any.
 */
public record Check(Kind kind, String message, String diff, java.util.Map<String, Object> result) {
    public enum Kind { OK, CHANGE, SKIP }

    public Check {
        result = result == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(result));
    }

    public Check(Kind kind, String message, String diff) {
        this(kind, message, diff, null);
    }

    /**
     * The same finding with values a {@code register:} exposes (e.g. {@code stat}'s {@code stat.exists}),
     * read by this check half; in check mode they are what a registered result holds.
     */
    public Check withResult(java.util.Map<String, Object> values) {
        return new Check(kind, message, diff, values);
    }

    public static Check ok(String message) {
        return new Check(Kind.OK, message, null);
    }

    public static Check change(String message) {
        return new Check(Kind.CHANGE, message, null);
    }

    public static Check change(String message, String diff) {
        return new Check(Kind.CHANGE, message, diff);
    }

    public static Check skip(String message) {
        return new Check(Kind.SKIP, message, null);
    }

    public boolean needsChange() {
        return kind == Kind.CHANGE;
    }
}
