package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Strict known_hosts verification, matching the lines as OpenSSH does (see {@link HostPatterns} and
 * {@link KnownHostsLine}); line numbers are kept so a refusal can say which line holds the expected key.
 * A {@code @revoked} key that applies to the host is refused even when another line lists it; a
 * {@code @cert-authority} line is not a host key (Duet does not verify host certificates). Unknown host:
 * refused unless accept-new, which appends the key. Any known key for the host that does not match the
 * presented one (even of another type) is a change, always refused; so is a line for the host that cannot
 * be read, because accept-new would otherwise record a second key next to it.
 * SSHJ only sees true/false, so the reason for a refusal is kept for {@link #rejection()}.
 */
final class KnownHostsVerifier implements HostKeyVerifier {
    private static final Object APPEND_LOCK = new Object();

    private final String node;
    private final Path file;
    private final boolean acceptNew;
    private final List<KnownHostsLine> lines;
    private volatile DuetException rejection;

    KnownHostsVerifier(String node, Path file, boolean acceptNew) {
        this.node = node;
        this.file = file;
        this.acceptNew = acceptNew;
        this.lines = read(file);
    }

    private static List<KnownHostsLine> read(Path file) {
        List<KnownHostsLine> result = new ArrayList<>();
        if (!Files.exists(file)) {
            return result;
        }
        try {
            List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                String raw = text.get(i).strip();
                if (!raw.isEmpty() && !raw.startsWith("#")) {
                    result.add(KnownHostsLine.parse(i + 1, raw));
                }
            }
            return result;
        } catch (IOException e) {
            throw new DuetException(Reason.HOST_KEY, "cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String host = hostField(hostname, port);
        byte[] presented = HostKeys.blob(key);
        String presentedType = HostKeys.type(key);
        KnownHostsLine changed = null;
        KnownHostsLine unreadable = null;
        boolean known = false;
        for (KnownHostsLine line : lines) {
            if (!line.appliesTo(host)) {
                continue;
            }
            if (!line.readable()) {
                unreadable = unreadable == null ? line : unreadable;
            } else if (line.marker() == KnownHostsLine.Marker.REVOKED && line.sameKey(presented)) {
                rejection = new DuetException(Reason.HOST_KEY, node + ": host key of " + host + " is REVOKED ("
                        + presentedType + " " + HostKeys.fingerprint(key) + ", " + file + " line " + line.number()
                        + "); refusing to connect");
                return false;
            } else if (line.marker() == KnownHostsLine.Marker.NONE) {
                if (line.sameKey(presented)) {
                    known = true;
                } else if (changed == null || line.type().equals(presentedType) && !changed.type().equals(presentedType)) {
                    // Report the line of the same key type when there is one: that is the key that changed.
                    changed = line;
                }
            }
        }
        if (known) {
            return true;
        }
        if (changed != null) {
            rejection = new DuetException(Reason.HOST_KEY, node + ": HOST KEY CHANGED for " + host + ": expected "
                    + changed.type() + " " + HostKeys.fingerprint(changed.blob()) + " (" + file + " line "
                    + changed.number() + "), presented " + presentedType + " " + HostKeys.fingerprint(key)
                    + "; refusing to connect (possible man-in-the-middle). If the host was reinstalled, check the new"
                    + " key out of band and remove line " + changed.number() + " of " + file + ".");
            return false;
        }
        if (unreadable != null) {
            rejection = new DuetException(Reason.HOST_KEY, node + ": " + file + " line " + unreadable.number()
                    + " is for " + host + " but cannot be read (" + unreadable.problem() + "); refusing to connect"
                    + " rather than record a second key for the host. Fix or remove that line, then check the"
                    + " presented key " + presentedType + " " + HostKeys.fingerprint(key) + " out of band.");
            return false;
        }
        if (!acceptNew) {
            rejection = new DuetException(Reason.HOST_KEY, node + ": host key of " + host + " is unknown ("
                    + presentedType + " " + HostKeys.fingerprint(key) + ", not in " + file + "); verify the"
                    + " fingerprint and rerun with --accept-new-host-keys to record it");
            return false;
        }
        return append(host, key);
    }

    private boolean append(String host, PublicKey key) {
        String entry = HostKeys.knownHostsLine(host, key) + System.lineSeparator();
        synchronized (APPEND_LOCK) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
                Files.writeString(file, (needsNewline ? System.lineSeparator() : "") + entry, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                rejection = new DuetException(Reason.HOST_KEY, node + ": cannot record the host key of " + host
                        + " in " + file + ": " + e.getMessage(), e);
                return false;
            }
        }
        org.slf4j.LoggerFactory.getLogger("duet.ssh").warn("{}: recorded new host key of {} ({} {}) in {}", node,
                host, HostKeys.type(key), HostKeys.fingerprint(key), file);
        return true;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    static String hostField(String hostname, int port) {
        String host = hostname.toLowerCase(Locale.ROOT);
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** Algorithms of the plain keys on record for the host, so the server is asked for one we can verify. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        String host = hostField(hostname, port);
        List<String> algorithms = new ArrayList<>();
        for (KnownHostsLine line : lines) {
            if (line.readable() && line.marker() == KnownHostsLine.Marker.NONE && line.appliesTo(host)) {
                if (line.type().equals("ssh-rsa")) {
                    algorithms.add("rsa-sha2-512");
                    algorithms.add("rsa-sha2-256");
                } else {
                    algorithms.add(line.type());
                }
            }
        }
        return algorithms;
    }

    /** Why the last key was refused, or null. */
    DuetException rejection() {
        return rejection;
    }
}
