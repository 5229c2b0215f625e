package dev.duet.cluster.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Cluster command outputs under src/test/resources/cluster (file name = command__state__node). */
public final class ClusterFixtures {
    private ClusterFixtures() {
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
