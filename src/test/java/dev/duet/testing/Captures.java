package dev.duet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Lab captures (src/test/resources/drbdsteps): the command's output without the header and rc lines. */
public final class Captures {
    private Captures() {
    }

    public static String output(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/drbdsteps/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.startsWith("### ") && !l.startsWith("$ ") && !l.matches("\\[rc=\\d+]"))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
