package dev.duet.transport.ssh;

import java.nio.file.Path;

/** {@code ~} and {@code ~/...} in paths from inventories and SSH options, as OpenSSH expands them. */
public final class HomePath {
    private HomePath() {
    }

    public static Path expand(String path) {
        String home = System.getProperty("user.home");
        if (path.equals("~")) {
            return Path.of(home);
        }
        if (path.startsWith("~/")) {
            return Path.of(home, path.substring(2));
        }
        return Path.of(path);
    }
}
