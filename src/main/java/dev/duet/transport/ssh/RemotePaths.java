package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Path arithmetic on remote (POSIX) paths, and the temp names writes go through. */
final class RemotePaths {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Who hears of each temp name made on this thread (the node whose write is under way), if anyone. */
    private static final ThreadLocal<Consumer<String>> RECORDER = new ThreadLocal<>();

    private RemotePaths() {
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    static String tempName(String directory) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String name = ".duet-tmp-" + HexFormat.of().formatHex(b);
        String path = directory.endsWith("/") ? directory + name : directory + "/" + name;
        Consumer<String> recorder = RECORDER.get();
        if (recorder != null) {
            recorder.accept(path);
        }
        return path;
    }

    /**
     * Runs {@code write} telling {@code recorder} every temp name it makes, so a write cut short (a dropped
     * connection, Ctrl-C) leaves names the node can remove later: they may hold a secret.
     */
    static <T> T recordingTempNames(Consumer<String> recorder, Supplier<T> write) {
        Consumer<String> outer = RECORDER.get();
        RECORDER.set(recorder);
        try {
            return write.get();
        } finally {
            RECORDER.set(outer);
        }
    }

    static int mode(String node, String path, String mode) {
        try {
            int m = Integer.parseInt(mode, 8);
            if (m < 0 || m > 07777) {
                throw new NumberFormatException();
            }
            return m;
        } catch (NumberFormatException e) {
            throw new DuetException(Reason.INPUT, node + ": mode `" + mode + "` for " + path
                    + " is not an octal mode like 0644");
        }
    }
}
