package dev.duet.step;

/**
 * What a step's act half did, in its own words and the past tense ("promoted r0 on node1", "updated
 * /etc/fstab"), with the diff of the files it wrote. {@code changed} is false when the act half, looking
 * again right before acting, found nothing left to do (someone else got there between check and act).
 */
public record Done(String message, String diff, boolean changed, java.util.Map<String, Object> result) {
    public Done {
        result = result == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(result));
    }

    public Done(String message, String diff, boolean changed) {
        this(message, diff, changed, null);
    }

    /** The same outcome with values a {@code register:} exposes ({@code rc}, {@code stdout}, ...). */
    public Done withResult(java.util.Map<String, Object> values) {
        return new Done(message, diff, changed, values);
    }

    public static Done changed(String message) {
        return new Done(message, null, true);
    }

    public static Done changed(String message, String diff) {
        return new Done(message, diff, true);
    }

    public static Done unchanged(String message) {
        return new Done(message, null, false);
    }
}
