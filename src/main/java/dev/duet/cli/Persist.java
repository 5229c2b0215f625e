package dev.duet.cli;

import dev.duet.error.InputException;
import dev.duet.transport.keep.KeeperDir;
import dev.duet.transport.keep.KeptNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --persist DURATION} (or {@code DUET_PERSIST}): keep this run's SSH connections open in the
 * connection keeper for DURATION after their last use, as Ansible's {@code ControlPersist=60s} keeps
 * OpenSSH masters. Off unless asked for: it leaves a process of the user's own running, holding
 * authenticated connections (as root, often) for that long.
 */
final class Persist {
    private static final Logger LOG = LoggerFactory.getLogger(Persist.class);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h)?");
    static final Duration OFF = Duration.ZERO;

    private Persist() {
    }

    /** The option's value, else the environment's, else off; a value that is not a duration is bad input (exit 4). */
    static Duration of(String option, String environment) {
        if (option != null) {
            return parse(option, "--persist");
        }
        if (environment != null && !environment.isBlank()) {
            return parse(environment, "DUET_PERSIST");
        }
        return OFF;
    }

    static Duration parse(String value, String where) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("no") || v.equals("off") || v.equals("0")) {
            return OFF;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new InputException(where + ": '" + value + "' is not a duration: expected seconds"
                    + " (60 or 60s), minutes (5m), hours (1h), or 'no'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The keeper's nodes for a run that keeps its connections, or empty (connect directly). */
    static Optional<KeptNodes> nodes(Duration persist) {
        if (persist.isZero()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        Optional<KeeperDir> dir = KeeperDir.prepare(KeeperDir.defaultDir(), buildId(), why);
        if (dir.isEmpty()) {
            LOG.warn("--persist: not keeping connections: {}", why);
            return Optional.empty();
        }
        return Optional.of(new KeptNodes(dir.get(), persist, new KeeperProcess()));
    }

    /** This build's code (its jar or class directory, size and time): a keeper serves only its own build. */
    static String buildId() {
        try {
            Path code = Path.of(Persist.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String id = code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (IOException | java.net.URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return "dev";
        }
    }
}
