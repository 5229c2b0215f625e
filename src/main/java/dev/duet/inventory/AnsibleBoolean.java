package dev.duet.inventory;

import java.util.Locale;
import java.util.Optional;

/**
 * A value read as Ansible's {@code boolean(value, strict=True)} reads it (module_utils/parsing/convert_bool):
 * true for y, yes, on, 1, true, t; false for n, no, off, 0, false, f (strings in any case, around spaces),
 * the numbers 1 and 0, and YAML booleans. Anything else is no boolean: Ansible fails the task, Duet refuses
 * it where it was written, instead of reading it as false.
 */
public final class AnsibleBoolean {
    private AnsibleBoolean() {
    }

    public static Optional<Boolean> of(Object value) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == 1 ? Optional.of(true) : d == 0 ? Optional.of(false) : Optional.empty();
        }
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "on", "1", "true", "t" -> Optional.of(true);
            case "n", "no", "off", "0", "false", "f" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** What an error says was expected. */
    public static String expected() {
        return "true/false, yes/no, on/off, 1/0, y/n or t/f (in any case)";
    }
}
