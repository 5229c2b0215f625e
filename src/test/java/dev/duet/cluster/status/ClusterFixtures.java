package dev.duet.cluster.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Cluster command outputs under src/test/resources/cluster (file name = command__state__node). */
public final class ClusterFixtures {
    private ClusterFixtures() {
    }

    /** A lab capture's output: without its "### ..." header, "$ command" and "[rc=N]" lines. */
    public static String output(String name) {
        return read(name).lines().filter(l -> !l.startsWith("### ") && !l.startsWith("$ ") && !l.matches("\\[rc=\\d+]"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** The exit code a lab capture recorded. */
    public static int rc(String name) {
        var m = java.util.regex.Pattern.compile("(?m)^\\[rc=(\\d+)]$").matcher(read(name));
        if (!m.find()) {
            throw new IllegalArgumentException("no [rc=N] line in /cluster/" + name);
        }
        return Integer.parseInt(m.group(1));
    }

    public static String read(String name) {
        try (InputStream in = ClusterFixtures.class.getResourceAsStream("/cluster/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /cluster/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
