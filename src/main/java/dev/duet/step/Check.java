package dev.duet.step;

/**
 * What a step's check half found: already as wanted (OK), would change (CHANGE), or does not apply
 * (SKIP). {@code diff} is a unified diff of files the act half would write, when there are any.
 */
public record Check(Kind kind, String message, String diff) {
    public enum Kind { OK, CHANGE, SKIP }

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
