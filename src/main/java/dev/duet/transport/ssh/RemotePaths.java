package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Path arithmetic on remote (POSIX) paths, and the temp names writes go through. */
final class RemotePaths {
    private static final SecureRandom RANDOM = new SecureRandom();

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
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
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
