package dev.duet.transport.ssh;

import dev.duet.transport.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How Duet connects to hosts. {@code identityFile} null means the usual ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa (those that exist). {@code commandTimeout} applies to commands that keep
 * {@link Command#DEFAULT_TIMEOUT}; a command with its own timeout keeps it. Timeouts are enforced on the
 * host as well ({@link RemoteTimeout}): a command that outlives its timeout is terminated there, not
 * merely abandoned.
 */
public record SshOptions(
        Path knownHosts,
        boolean acceptNewHostKeys,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration keepaliveInterval,
        boolean become,
        Path identityFile) {

    public SshOptions {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    }

    public static SshOptions defaults() {
        return new SshOptions(userSshDir().resolve("known_hosts"), false, Duration.ofSeconds(10),
                Command.DEFAULT_TIMEOUT, Duration.ofSeconds(15), false, null);
    }

    static Path userSshDir() {
        return Path.of(System.getProperty("user.home"), ".ssh");
    }

    public SshOptions withKnownHosts(Path file) {
        return new SshOptions(file, acceptNewHostKeys, connectTimeout, commandTimeout, keepaliveInterval, become, identityFile);
    }

    public SshOptions withAcceptNewHostKeys(boolean accept) {
        return new SshOptions(knownHosts, accept, connectTimeout, commandTimeout, keepaliveInterval, become, identityFile);
    }

    public SshOptions withConnectTimeout(Duration t) {
        return new SshOptions(knownHosts, acceptNewHostKeys, t, commandTimeout, keepaliveInterval, become, identityFile);
    }

    public SshOptions withCommandTimeout(Duration t) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, t, keepaliveInterval, become, identityFile);
    }

    public SshOptions withKeepaliveInterval(Duration t) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, commandTimeout, t, become, identityFile);
    }

    public SshOptions withBecome(boolean b) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, commandTimeout, keepaliveInterval, b, identityFile);
    }

    public SshOptions withIdentityFile(Path file) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, commandTimeout, keepaliveInterval, become, file);
    }

    /** The timeout for one command: its own, unless it kept the library default. */
    public Duration timeoutFor(Command command) {
        return command.timeout().equals(Command.DEFAULT_TIMEOUT) ? commandTimeout : command.timeout();
    }
}
