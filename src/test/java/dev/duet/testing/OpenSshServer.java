package dev.duet.testing;

import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Debian's real OpenSSH server (/usr/sbin/sshd, package openssh-server) as a child process on 127.0.0.1
 * and a free port, with its own host key, config, authorized key and known_hosts in a temp dir. It logs
 * in as the current user and serves that user's REAL filesystem: tests must write under {@link #scratch()}.
 */
public final class OpenSshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final String name;
    private final Path dir;
    private final int port;
    private final Path clientKey;
    private final Path knownHosts;
    private final Path scratch;
    private final Process process;
    private final boolean sftp;

    private OpenSshServer(String name, boolean sftp) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: apt-get install -y openssh-server (.ci/run does)");
        }
        this.name = name;
        this.sftp = sftp;
        this.dir = Files.createTempDirectory("openssh-" + name + "-");
        this.scratch = Files.createDirectories(dir.resolve("scratch"));
        this.port = freePort();
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        this.clientKey = dir.resolve("id_ed25519");
        keygen(hostKey);
        keygen(clientKey);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(clientKey.resolveSibling("id_ed25519.pub"), authorized);
        String hostPub = Files.readString(hostKey.resolveSibling("ssh_host_ed25519_key.pub")).strip();
        String[] parts = hostPub.split("\\s+");
        this.knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Path config = writeConfig(hostKey, authorized);
        // sshd refuses to start without its privilege separation directory (normally made by systemd).
        Files.createDirectories(Path.of("/run/sshd"));
        this.process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        awaitListening();
    }

    public static OpenSshServer start(String name) {
        return start(name, true);
    }

    /** A server whose config has no {@code Subsystem sftp} line, as some hardened hosts have: SFTP is refused. */
    public static OpenSshServer startWithoutSftp(String name) {
        return start(name, false);
    }

    private static OpenSshServer start(String name, boolean sftp) {
        try {
            return new OpenSshServer(name, sftp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path writeConfig(Path hostKey, Path authorized) throws IOException {
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                sftp ? "Subsystem sftp internal-sftp" : "# no Subsystem sftp: the server refuses SFTP",
                "LogLevel INFO",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "duet-test", "-f",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() {
        Awaitility.await("sshd on 127.0.0.1:" + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("sshd exited " + process.exitValue() + ": " + log());
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path clientKey() {
        return clientKey;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /** A directory on the real filesystem that is deleted on close: write only here. */
    public Path scratch() {
        return scratch;
    }

    public SshEndpoint endpoint() {
        return new SshEndpoint(name, "127.0.0.1", port, user());
    }

    public SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHosts(knownHosts).withIdentityFile(clientKey)
                .withConnectTimeout(Duration.ofSeconds(10));
    }

    public SshNode connect() {
        return new SshNode(endpoint(), sshOptions()).connect();
    }

    /** The inventory variables that point Duet at this server. */
    public Map<String, Object> inventoryVars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", "127.0.0.1");
        vars.put("ansible_port", port);
        vars.put("ansible_user", user());
        vars.put("ansible_ssh_private_key_file", clientKey.toString());
        vars.put("known_hosts", knownHosts.toString());
        return vars;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // leftover temp dir is harmless
        }
    }

    @Override
    public String toString() {
        return "sshd " + name + " 127.0.0.1:" + port + " " + List.of(dir);
    }
}
