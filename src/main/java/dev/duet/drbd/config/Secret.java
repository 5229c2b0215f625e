package dev.duet.drbd.config;

import dev.duet.error.Redaction;
import java.util.Objects;

/** A shared secret: its value is reachable only by the renderer; printing it shows nothing. */
public final class Secret {
    public static final String MASK = Redaction.MASK;
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
        // From the moment Duet knows a secret, nothing it prints or logs may show it.
        Redaction.register(value);
    }

    String reveal() {
        return value;
    }

    /** Replaces every occurrence of the secret in {@code text} (a diff, a dry-run output). */
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
