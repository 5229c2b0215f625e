package dev.duet.step;

import java.util.Optional;

/**
 * What a step's check half found: already as wanted (OK), would change (CHANGE), or does not apply
 * (SKIP). {@code diff} is a unified diff of files the act half would write, when there are any.
 * {@code decision} is what the check decided the act half is to carry out (a typed value of the step's
 * own, e.g. how to reconnect), so the act receives it with the check instead of through a field:
 * {@code Check.change(msg).with(plan)} in the check, {@code check.decision(Plan.class)} in the act.
 */
public record Check(Kind kind, String message, String diff, Object decision) {
    public enum Kind { OK, CHANGE, SKIP }

    public Check(Kind kind, String message, String diff) {
        this(kind, message, diff, null);
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

    /** This check carrying the decision its act half is to carry out. */
    public Check with(Object decision) {
        return new Check(kind, message, diff, decision);
    }

    /** The decision of the given type, if the check made one. */
    public <T> Optional<T> decision(Class<T> type) {
        return type.isInstance(decision) ? Optional.of(type.cast(decision)) : Optional.empty();
    }

    public boolean needsChange() {
        return kind == Kind.CHANGE;
    }
}
