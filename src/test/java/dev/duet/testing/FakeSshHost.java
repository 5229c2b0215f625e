package dev.duet.testing;

import dev.duet.inventory.Host;
import dev.duet.transport.ProbeBatch;
import dev.duet.transport.ssh.SshEndpoint;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH host in the test JVM (MINA SSHD on 127.0.0.1, random port) for SshNode, engine and module tests.
 * <ul>
 * <li>Fixed host key for its lifetime; {@link #knownHosts()} already lists it, {@link #clientKey()} is the
 *     OpenSSH-format key it accepts (any user name). {@link #connect()} gives a ready {@link SshNode};
 *     {@link #host()} / {@link #inventoryVars()} an inventory entry pointing here.</li>
 * <li>SFTP sees a temp directory as "/": {@link #path(String)} maps a remote path to the local file.</li>
 * <li>Commands are answered by rules; the NEWEST matching rule wins, so a rule may install another to
 *     change state (after {@code apt-get install} succeeds, {@code dpkg-query} says installed). Rules see
 *     the line without the become and remote-timeout wrappers. Unmatched commands exit 127. Every
 *     command is recorded; a {@link FakeReply#hang()} ended by the remote timeout is in {@link #terminated()}.</li>
 * <li>Faults: {@link #dropConnectionOn}, {@link #dropConnectionAlways}, {@link #dropConnectionAfterRunning},
 *     {@link #stop()}, {@link #withoutSftp()}.</li>
 * </ul>
 */
public final class FakeSshHost implements AutoCloseable {
    private record Rule(Predicate<String> matches, Function<FakeRequest, FakeReply> answer) {
    }

    private record Drop(Predicate<String> matches, boolean always, boolean afterRunning) {
    }

    private final String name;
    private final KeyPair hostKey;
    private final KeyPair clientKey = TestKeys.ed25519();
    private final Path dir;
    private final Path root;
    private final Path clientKeyFile;
    private final Path knownHosts;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    /** How long each exec waits before it answers (a benchmark's stand-in for a real host's time). */
    private volatile java.time.Duration latency = java.time.Duration.ZERO;
    private final List<Drop> drops = new CopyOnWriteArrayList<>();
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    /** What arrived on exec channels: one per remote command Duet sent (a batch of probes is one). */
    private final List<FakeRequest> execs = new CopyOnWriteArrayList<>();
    private final List<FakeRequest> terminated = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger shells = new AtomicInteger();
    private volatile boolean shellsRefused;
    private SshServer server;
    private int port;
    private boolean sftp = true;

    private FakeSshHost(String name, KeyPair hostKey) throws IOException {
        this.name = name;
        this.hostKey = hostKey;
        this.dir = Files.createTempDirectory("fake-ssh-" + name + "-");
        this.root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("tmp"));
        this.clientKeyFile = TestKeys.writeOpenSsh(clientKey, dir.resolve("id_ed25519"));
        this.knownHosts = dir.resolve("known_hosts");
        on(line -> line.equals("true"), r -> FakeReply.ok());
        on(line -> line.startsWith("chown "), r -> FakeReply.ok());
        on(line -> line.startsWith("sync -- "), r -> FakeReply.ok());
        // what SshNode.probeFile reads a file's content with, answered from the SFTP root
        on(line -> line.startsWith("base64 -w 0 -- "), r -> {
            String remote = r.argv().get(r.argv().size() - 1);
            Path p = path(remote);
            if (!Files.isRegularFile(p)) {
                return FakeReply.fail(1, "base64: " + remote + ": No such file or directory\n");
            }
            try {
                return FakeReply.ok(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            } catch (IOException e) {
                return FakeReply.fail(1, "base64: " + remote + ": " + e.getMessage() + "\n");
            }
        });
    }

    /** Starts a host with a new Ed25519 host key. */
    public static FakeSshHost start(String name) {
        return start(name, TestKeys.ed25519());
    }

    /** Starts a host with the given host key (e.g. {@link TestKeys#rsa()}). */
    public static FakeSshHost start(String name, KeyPair hostKey) {
        try {
            FakeSshHost host = new FakeSshHost(name, hostKey);
            host.listen(0);
            Files.writeString(host.knownHosts, host.knownHostsLine() + "\n");
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void listen(int onPort) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(onPort);
        // as sshd does on every session socket (ssh_packet_set_interactive): without it the fake, not
        // Duet, spent ~40 ms per command waiting out Nagle and the client's delayed ACK
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        // as OpenSSH's sshd: no global request is served, so a keepalive@openssh.com gets REQUEST_FAILURE
        // (MINA's default handlers would answer it with success, which a real host never does)
        sshd.setGlobalRequestHandlers(List.of());
        sshd.setCommandFactory((channel, command) -> new FakeCommand(this, command));
        sshd.setSubsystemFactories(sftp ? List.of(new SftpSubsystemFactory.Builder().build()) : List.of());
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        sshd.start();
        this.server = sshd;
        this.port = sshd.getPort();
    }

    // ---- where it is

    /**
     * Each exec answers {@code latency} after its request (and its stdin) arrived, as a host whose commands
     * take that long; the connection, SFTP and streams are not slowed. Zero (the default) answers at once.
     */
    public FakeSshHost latency(java.time.Duration latency) {
        this.latency = latency;
        return this;
    }

    java.time.Duration latency() {
        return latency;
    }

    public String name() {
        return name;
    }

    public String address() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    public String hostKeyFingerprint() {
        return TestKeys.fingerprint(hostKey.getPublic());
    }

    /** The OpenSSH-format private key this host accepts. */
    public Path clientKey() {
        return clientKeyFile;
    }

    /** A known_hosts file that lists this host's key. */
    public Path knownHosts() {
        return knownHosts;
    }

    public String knownHostsLine() {
        return TestKeys.knownHostsLine(address(), port, hostKey.getPublic());
    }

    /** Appends this host's key to another known_hosts file (e.g. one shared by two fake hosts). */
    public void appendKnownHostsTo(Path file) {
        try {
            Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SshEndpoint endpoint() {
        return endpoint("root");
    }

    public SshEndpoint endpoint(String user) {
        return new SshEndpoint(name, address(), port, user);
    }

    /** Options that trust this host (its known_hosts, its client key) and fail fast. */
    public SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHosts(knownHosts).withIdentityFile(clientKeyFile)
                .withConnectTimeout(Duration.ofSeconds(5)).withKeepaliveInterval(Duration.ofSeconds(5));
    }

    /** A connected SshNode as root. */
    public SshNode connect() {
        return new SshNode(endpoint(), sshOptions()).connect();
    }

    /** The inventory variables that point Duet here. */
    public Map<String, Object> inventoryVars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", address());
        vars.put("ansible_port", port);
        vars.put("ansible_user", "root");
        vars.put("ansible_ssh_private_key_file", clientKeyFile.toString());
        vars.put("known_hosts", knownHosts.toString());
        return vars;
    }

    public Host host() {
        return new Host(name, inventoryVars(), List.of("all"));
    }

    // ---- rules

    /** Commands whose line starts with {@code prefix} exit with {@code exit} and print {@code stdout}. */
    public FakeSshHost on(String prefix, int exit, String stdout) {
        return on(prefix, r -> FakeReply.exit(exit, stdout, ""));
    }

    public FakeSshHost on(String prefix, int exit, String stdout, String stderr) {
        return on(prefix, r -> FakeReply.exit(exit, stdout, stderr));
    }

    public FakeSshHost on(String prefix, Function<FakeRequest, FakeReply> answer) {
        return on(line -> line.startsWith(prefix), answer);
    }

    public FakeSshHost on(Pattern pattern, Function<FakeRequest, FakeReply> answer) {
        return on(line -> pattern.matcher(line).find(), answer);
    }

    public FakeSshHost on(Predicate<String> line, Function<FakeRequest, FakeReply> answer) {
        rules.add(0, new Rule(line, answer));
        return this;
    }

    FakeReply reply(FakeRequest request) {
        execs.add(request);
        List<String> probes = batchProbes(request);
        if (!probes.isEmpty()) {
            return batch(request, probes);
        }
        return answer(request);
    }

    private static List<String> batchProbes(FakeRequest request) {
        try {
            return ProbeBatch.probeLines(request.argv());
        } catch (IllegalArgumentException notShell) {
            return List.of();
        }
    }

    /**
     * A batch of probes ({@link ProbeBatch}) is answered as {@code sh} would run it: each probe by the
     * rules, framed by the batch's markers. Each probe counts as a command received.
     */
    private FakeReply batch(FakeRequest request, List<String> probes) {
        String tag = request.argv().get(4);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String probe : probes) {
            FakeReply r = answer(probeRequest(request, probe));
            if (r.hangs()) {
                return r; // the batch hangs at this probe, as sh would wait for it
            }
            out.append("@@duet ").append(tag).append(" begin\n").append(r.stdout())
                    .append("\n@@duet ").append(tag).append(" end ").append(r.exit()).append('\n');
            err.append("@@duet ").append(tag).append(" begin\n").append(r.stderr())
                    .append("\n@@duet ").append(tag).append(" end\n");
        }
        return FakeReply.exit(0, out.toString(), err.toString());
    }

    /** A probe of a batch as it ran: under the batch's wrappers (sudo, remote timeout). */
    private static FakeRequest probeRequest(FakeRequest batch, String probe) {
        String raw = batch.rawLine();
        String wrappers = raw.endsWith(batch.line()) ? raw.substring(0, raw.length() - batch.line().length()) : "";
        return new FakeRequest(batch.node(), batch.user(), wrappers + probe, probe, batch.viaSudo(), batch.stdin(),
                batch.remoteTimeout(), batch.sudoUser());
    }

    private FakeReply answer(FakeRequest request) {
        requests.add(request);
        for (Rule rule : rules) {
            if (rule.matches().test(request.line())) {
                return rule.answer().apply(request);
            }
        }
        return FakeReply.fail(127, "fake-ssh " + name + ": no rule for `" + request.line() + "`\n");
    }

    // ---- what arrived

    /**
     * The remote commands received, one per exec channel (one line each in Duet's command log): a batch
     * of probes is one, with its probes' lines joined by " ; ".
     */
    public List<String> execs() {
        return execs.stream().map(r -> {
            List<String> probes = batchProbes(r);
            return probes.isEmpty() ? r.line() : "[batch] " + String.join(" ; ", probes);
        }).toList();
    }

    /** Every command line received (become wrapper removed), in order; dropped ones included; each probe of a batch. */
    public List<String> commands() {
        return requests.stream().map(FakeRequest::line).toList();
    }

    /** Its login shell cannot {@code exec} (a restricted shell): a kept shell's session ends at once, exit 1. */
    public FakeSshHost withoutShells() {
        shellsRefused = true;
        return this;
    }

    boolean shellsRefused() {
        return shellsRefused;
    }

    /** Kept shells ({@code exec sh} sessions that run probe batches) started on this host so far. */
    public int shells() {
        return shells.get();
    }

    void shellStarted() {
        shells.incrementAndGet();
    }

    /** SSH sessions opened to this host so far (counted on connect, before authentication). */
    public int sessions() {
        return sessions.get();
    }

    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose command (wrappers removed) mentions {@code text}, e.g. a path. */
    public List<FakeRequest> requestsMentioning(String text) {
        return requests().stream().filter(r -> r.line().contains(text)).toList();
    }

    /** Commands (become and timeout wrappers removed) that the emulated remote timeout ended. */
    public List<String> terminated() {
        return terminated.stream().map(FakeRequest::line).toList();
    }

    void recordTerminated(FakeRequest request) {
        terminated.add(request);
    }

    public List<String> commandsStartingWith(String prefix) {
        return commands().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    /**
     * From now on this host refuses the SFTP subsystem, as an sshd without a {@code Subsystem sftp} line
     * does; files can then only travel over exec channels, which the test's rules must answer.
     */
    public FakeSshHost withoutSftp() {
        sftp = false;
        server.setSubsystemFactories(List.of());
        return this;
    }

    // ---- files under the SFTP root

    /** The local file behind a remote absolute path. */
    public Path path(String remote) {
        return root.resolve(remote.replaceFirst("^/+", ""));
    }

    public FakeSshHost file(String remote, String content) {
        try {
            Files.createDirectories(path(remote).getParent());
            Files.writeString(path(remote), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text, or null when it does not exist. */
    public String fileText(String remote) {
        try {
            return Files.exists(path(remote)) ? Files.readString(path(remote)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Permissions as octal, e.g. "0640". */
    public String mode(String remote) {
        try {
            var perms = Files.getPosixFilePermissions(path(remote));
            int m = 0;
            for (var p : perms) {
                m |= 1 << (8 - p.ordinal());
            }
            return String.format("0%03o", m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in a remote directory (e.g. to prove no .duet-tmp-* file was left behind). */
    public List<String> list(String remoteDir) {
        try (Stream<Path> s = Files.list(path(remoteDir))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- faults

    /** Kills every open SSH connection now, between commands (a host that rebooted while a connection was kept). */
    public FakeSshHost dropSessions() {
        server.getActiveSessions().forEach(s -> s.close(true));
        return this;
    }

    /** The next command matching {@code line} kills the whole SSH connection instead of running. */
    public FakeSshHost dropConnectionOn(Predicate<String> line) {
        drops.add(new Drop(line, false, false));
        return this;
    }

    /** Every command matching {@code line} kills the whole SSH connection. */
    public FakeSshHost dropConnectionAlways(Predicate<String> line) {
        drops.add(new Drop(line, true, false));
        return this;
    }

    /**
     * The next command matching {@code line} runs (its rule is applied, with its effects) and then the
     * whole SSH connection dies before its exit status is sent: the client cannot know that it ran.
     */
    public FakeSshHost dropConnectionAfterRunning(Predicate<String> line) {
        drops.add(new Drop(line, false, true));
        return this;
    }

    boolean shouldDrop(FakeRequest request) {
        List<String> probes = batchProbes(request);
        if (!probes.isEmpty()) {
            // the batch's probes run one after another: the connection drops at the first that matches
            for (int i = 0; i < probes.size(); i++) {
                FakeRequest p = probeRequest(request, probes.get(i));
                if (drops.stream().anyMatch(d -> !d.afterRunning() && d.matches().test(p.line()))) {
                    probes.subList(0, i).forEach(x -> requests.add(probeRequest(request, x)));
                    execs.add(request);
                    return drop(p, false);
                }
            }
            return false;
        }
        return drop(request, false);
    }

    boolean shouldDropAfterRunning(FakeRequest request) {
        List<String> probes = batchProbes(request);
        if (!probes.isEmpty()) {
            // every probe of the batch ran; the connection dies before the batch's answer is sent
            return probes.stream().anyMatch(p -> drop(probeRequest(request, p), true));
        }
        return drop(request, true);
    }

    private boolean drop(FakeRequest request, boolean afterRunning) {
        for (Drop d : drops) {
            if (d.afterRunning() == afterRunning && d.matches().test(request.line())) {
                if (!afterRunning) {
                    requests.add(request);
                }
                if (!d.always()) {
                    drops.remove(d);
                }
                return true;
            }
        }
        return false;
    }

    /** Stops listening and cuts every connection: the host is now unreachable. */
    public void stop() {
        try {
            if (server != null) {
                server.stop(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comes back on the same port with the same key, after {@link #stop()}. */
    public void restart() {
        try {
            listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    @Override
    public String toString() {
        return "FakeSshHost " + name + " 127.0.0.1:" + port;
    }
}
