package dev.duet.testing;

import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds module {@link Args} as the loader would, at a fixed location in a fake playbook. */
public final class TestArgs {
    public static final Args.Location WHERE = new Args.Location(Path.of("site.yml"), 7, 5);

    private TestArgs() {
    }

    /** Arguments from alternating keys and values: {@code of("copy", "dest", "/etc/x", "content", "y")}. */
    public static Args of(String module, Object... keysAndValues) {
        return at(WHERE, module, keysAndValues);
    }

    public static Args at(Args.Location where, String module, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Args(module, values, where);
    }
}
