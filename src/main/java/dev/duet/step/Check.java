package dev.duet.step;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a step's check half found: already as wanted (OK), would change (CHANGE), or does not apply
 * (SKIP). {@code diff} is a unified diff of files the act half would write, when there are any.
 * {@code decision} is what the check decided the act half is to carry out (a typed value of the step's
 * own, e.g. how to reconnect), so the act receives it with the check instead of through a field:
 * {@code Check.change(msg).with(plan)} in the check, {@code check.decision(Plan.class)} in the act.
 * {@code result} holds the values a {@code register:} exposes (e.g. {@code stat}'s {@code stat.exists}),
 * as this check half read them; in check mode they are what a registered result holds.
 */
public record Check(Kind kind, String message, String diff, Object decision, Map<String, Object> result) {
    public enum Kind { OK, CHANGE, SKIP }

    public Check {
        result = result == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    public Check(Kind kind, String message, String diff) {
        this(kind, message, diff, null, null);
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
        return new Check(kind, message, diff, decision, result);
    }

    /** The decision of the given type, if the check made one. */
    public <T> Optional<T> decision(Class<T> type) {
        return type.isInstance(decision) ? Optional.of(type.cast(decision)) : Optional.empty();
    }

    /** The same finding with the values a {@code register:} exposes, read by this check half. */
    public Check withResult(Map<String, Object> values) {
        return new Check(kind, message, diff, decision, values);
    }

    public boolean needsChange() {
        return kind == Kind.CHANGE;
    }
}
