package dev.duet.transport.keep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the keeper listens: {@code $XDG_RUNTIME_DIR/duet} (or {@code ~/.cache/duet/keeper}), a directory
 * of the user's own with mode 0700, so nobody else can reach the socket. One socket per Duet build
 * ({@code buildId}): a run never talks to a keeper of another version.
 */
public record KeeperDir(Path dir, String buildId) {
    /** Unix socket paths longer than this do not fit in sockaddr_un. */
    private static final int MAX_SOCKET_PATH = 100;

    public Path socket() {
        return dir.resolve("keeper-" + buildId + ".sock");
    }

    /**
     * Taken only while a run starts a keeper. One file for every build: a lock file cannot be removed
     * safely (a run waiting on the unlinked file and a run creating a new one would both hold "the"
     * lock), so it stays, and one per build would leave one behind for every version ever run.
     */
    Path lockFile() {
        return dir.resolve("keeper.lock");
    }

    /** The default place for this user, or empty (with the reason in {@code why}) when it is not safe or usable. */
    public static Optional<KeeperDir> prepare(Path dir, String buildId, StringBuilder why) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);
            if (!a.isDirectory() || !a.owner().getName().equals(me)
                    || a.permissions().stream().anyMatch(others::contains)) {
                why.append(dir).append(" is not a directory of ").append(me).append(" with mode 0700");
                return Optional.empty();
            }
            KeeperDir d = new KeeperDir(dir, buildId);
            if (d.socket().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                why.append("the socket path ").append(d.socket()).append(" is too long for a Unix socket");
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IOException | UnsupportedOperationException e) {
            why.append("cannot prepare ").append(dir).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code $XDG_RUNTIME_DIR/duet} when that is set, else {@code ~/.cache/duet/keeper}. */
    public static Path defaultDir() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "duet");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "duet", "keeper");
    }
}
