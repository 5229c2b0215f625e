package dev.duet.transport.ssh;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Strict known_hosts verification. SSHJ's own OpenSSHKnownHosts parses and matches the lines (plain,
 * {@code [host]:port}, hashed, wildcards); this class keeps line numbers so a refusal can say which line
 * holds the expected key. Unknown host: refused unless accept-new, which appends the key. Any known key
 * for the host that does not match the presented one (even of another type) is a change, always refused.
 * SSHJ only sees true/false, so the reason for a refusal is kept for {@link #rejection()}.
 */
final class KnownHostsVerifier implements HostKeyVerifier {
    private static final Object APPEND_LOCK = new Object();

    private final String node;
    private final Path file;
    private final boolean acceptNew;
    private final List<Line> lines;
    private volatile DuetException rejection;

    private record Line(int number, KnownHostEntry entry, String keyBase64) {
    }

    KnownHostsVerifier(String node, Path file, boolean acceptNew) {
        this.node = node;
        this.file = file;
        this.acceptNew = acceptNew;
        this.lines = read(file);
    }

    private static List<Line> read(Path file) {
        List<Line> result = new ArrayList<>();
        if (!Files.exists(file)) {
            return result;
        }
        try {
            OpenSSHKnownHosts.EntryFactory parser = new OpenSSHKnownHosts(new StringReader("")).new EntryFactory();
            List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                String raw = text.get(i).strip();
                if (raw.isEmpty() || raw.startsWith("#")) {
                    continue;
                }
                KnownHostEntry entry = parseQuietly(parser, raw);
                if (entry instanceof OpenSSHKnownHosts.HostEntry) {
                    result.add(new Line(i + 1, entry, keyField(raw)));
                }
            }
            return result;
        } catch (IOException e) {
            throw new DuetException(Reason.HOST_KEY, "cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    private static KnownHostEntry parseQuietly(OpenSSHKnownHosts.EntryFactory parser, String raw) {
        try {
            return parser.parseEntry(raw);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String keyField(String raw) {
        String[] f = raw.split("\\s+");
        int i = f[0].startsWith("@") ? 1 : 0;
        return f.length > i + 2 ? f[i + 2] : "";
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String host = hostField(hostname, port);
        Line changed = null;
        for (Line line : lines) {
            if (!applies(line, host)) {
                continue;
            }
            if (matches(line, key)) {
                return true;
            }
            // Report the line of the same key type when there is one: that is the key that changed.
            boolean sameType = line.entry().getType() == KeyType.fromKey(key);
            if (changed == null || sameType && changed.entry().getType() != KeyType.fromKey(key)) {
                changed = line;
            }
        }
        if (changed != null) {
            rejection = new DuetException(Reason.HOST_KEY, node + ": HOST KEY CHANGED for " + host + ": expected "
                    + changed.entry().getType() + " " + storedFingerprint(changed) + " (" + file + " line "
                    + changed.number() + "), presented " + HostKeys.type(key) + " " + HostKeys.fingerprint(key)
                    + "; refusing to connect (possible man-in-the-middle). If the host was reinstalled, check the new"
                    + " key out of band and remove line " + changed.number() + " of " + file + ".");
            return false;
        }
        if (!acceptNew) {
            rejection = new DuetException(Reason.HOST_KEY, node + ": host key of " + host + " is unknown ("
                    + HostKeys.type(key) + " " + HostKeys.fingerprint(key) + ", not in " + file + "); verify the"
                    + " fingerprint and rerun with --accept-new-host-keys to record it");
            return false;
        }
        return append(host, key);
    }

    private static boolean applies(Line line, String host) {
        try {
            return line.entry().appliesTo(host);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean matches(Line line, PublicKey key) {
        try {
            return line.entry().verify(key);
        } catch (IOException e) {
            return false;
        }
    }

    private static String storedFingerprint(Line line) {
        try {
            return HostKeys.fingerprint(Base64.getDecoder().decode(line.keyBase64()));
        } catch (IllegalArgumentException e) {
            return "(unreadable key)";
        }
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

    /** Algorithms of the keys on record for the host, so the server is asked for the one we can verify. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        String host = hostField(hostname, port);
        List<String> algorithms = new ArrayList<>();
        for (Line line : lines) {
            if (applies(line, host)) {
                KeyType type = line.entry().getType();
                if (type == KeyType.RSA) {
                    algorithms.add("rsa-sha2-512");
                    algorithms.add("rsa-sha2-256");
                } else {
                    algorithms.add(type.toString());
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
