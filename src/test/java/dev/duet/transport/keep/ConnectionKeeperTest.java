package dev.duet.transport.keep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.FakeStream;
import dev.duet.transport.Command;
import dev.duet.transport.CommandFailedException;
import dev.duet.transport.CommandResult;
import dev.duet.transport.DroppedDuringChange;
import dev.duet.transport.Escalation;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ssh.SshNode;
import dev.duet.transport.ssh.SshOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionKeeperTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final FakeSshHost host = FakeSshHost.start("node1");
    private ConnectionKeeper keeper;
    private Thread serving;

    @AfterEach
    void stop() throws InterruptedException {
        if (keeper != null) {
            keeper.close();
            serving.join(WAIT.toMillis());
        }
        host.close();
    }

    private KeeperDir dir() {
        StringBuilder why = new StringBuilder();
        return KeeperDir.prepare(tmp.resolve("keeper"), "test", why).orElseThrow(() -> new AssertionError(why));
    }

    /** A keeper in this JVM, as its process would run it. */
    private void startKeeper(KeeperDir dir, Duration exitAfter) throws IOException {
        keeper = ConnectionKeeper.bind(dir.socket(), (endpoint, options) -> new SshNode(endpoint, options).connect());
        ConnectionKeeper k = keeper;
        serving = new Thread(() -> k.serve(exitAfter), "test-keeper");
        serving.start();
    }

    private KeptNodes nodes(KeeperDir dir, KeptNodes.Starter starter) {
        return new KeptNodes(dir, Duration.ofSeconds(60), starter);
    }

    private static final KeptNodes.Starter NEVER = (socket, idle) -> {
        throw new AssertionError("the keeper was already running: nothing should start another");
    };

    /** A running keeper and a run's nodes whose connections are kept one second; the host answers `true`. */
    private KeptNodes idleAfterOneSecond(KeeperDir dir) throws IOException {
        startKeeper(dir, Duration.ofSeconds(1));
        host.on("true", 0, "");
        return new KeptNodes(dir, Duration.ofSeconds(1), NEVER);
    }

    private Node open(KeptNodes nodes) {
        return nodes.open(host.endpoint(), host.sshOptions(), Escalation.NONE).orElseThrow();
    }

    @Test
    void aSecondRunUsesTheConnectionTheFirstLeftOpen() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("drbdadm status", 10, "out\n", "r0: No such resource\n");

        try (Node first = open(nodes(dir, NEVER))) {
            CommandResult r = first.run(Command.probe("drbdadm", "status", "r0"));
            assertThat(r.exitCode()).isEqualTo(10);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("r0: No such resource\n");
        }
        try (Node second = open(nodes(dir, NEVER))) {
            assertThat(second.run(Command.probe("drbdadm", "status", "r0")).exitCode()).isEqualTo(10);
        }

        assertThat(host.sessions()).isEqualTo(1);
        assertThat(host.commands()).containsExactly("drbdadm status r0", "drbdadm status r0");
    }

    @Test
    void stdinBatchesAndFilesGoThroughTheKeeperUnchanged() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("drbdadm create-md", r -> FakeReply.ok("got " + r.stdin()));
        host.on("uname", 0, "node1\n");
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").file("/etc/group", "root:x:0:\n");

        try (Node node = open(nodes(dir, NEVER))) {
            assertThat(node.run(Command.change("drbdadm", "create-md", "r0").withSecretStdin("s3cret\n")).stdout())
                    .isEqualTo("got s3cret\n");
            List<CommandResult> both = node.runAll(List.of(Command.probe("uname", "-n"), Command.probe("cat", "/proc/drbd")));
            assertThat(both).extracting(CommandResult::stdout).containsExactly("node1\n", "version: 8.4.11\n");

            node.writeFile("/etc/drbd.d/r0.res", "resource r0 {}\n".getBytes(StandardCharsets.UTF_8), "0640", null);
            assertThat(host.fileText("/etc/drbd.d/r0.res")).isEqualTo("resource r0 {}\n");
            assertThat(new String(node.readFile("/etc/drbd.d/r0.res").orElseThrow(), StandardCharsets.UTF_8))
                    .isEqualTo("resource r0 {}\n");
            FileProbe probe = node.probeFile("/etc/drbd.d/r0.res");
            assertThat(probe.content()).isPresent();
            assertThat(probe.stat().stdout()).startsWith("640 ");
            assertThat(node.readFile("/etc/drbd.d/absent.res")).isEmpty();
            assertThat(node.probeFile("/etc/drbd.d/absent.res").content()).isEmpty();
        }
        // the batch went as one remote command, as it does without the keeper
        assertThat(host.execs()).contains("[batch] uname -n ; cat /proc/drbd");
    }

    @Test
    void becomeAndBecomeUserShareTheKeptConnectionAndWrapCommandsAsWithout() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("id -u", 0, "0\n");
        KeptNodes nodes = nodes(dir, NEVER);

        try (Node asRoot = nodes.open(host.endpoint("deploy"), host.sshOptions().withBecome(true), Escalation.ROOT)
                .orElseThrow();
             Node plain = nodes.open(host.endpoint("deploy"), host.sshOptions(), Escalation.NONE).orElseThrow()) {
            asRoot.run(Command.probe("id", "-u"));
            plain.run(Command.probe("id", "-u"));
            asRoot.as(new Escalation(true, "postgres")).orElseThrow().run(Command.probe("id", "-u"));
        }

        assertThat(host.requests()).extracting(r -> r.rawLine()).containsExactly(
                "sudo -n -- timeout -k 5s 300s id -u",
                "timeout -k 5s 300s id -u",
                "sudo -n -u postgres -- timeout -k 5s 300s id -u");
        assertThat(host.sessions()).isEqualTo(1);
    }

    @Test
    void aConnectionThatDiedWhileKeptIsReplacedBeforeARunSendsAChange() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("true", 0, "");
        host.on("drbdadm primary", 0, "");
        try (Node first = open(nodes(dir, NEVER))) {
            first.run(Command.probe("true"));
        }

        host.dropSessions();

        try (Node second = open(nodes(dir, NEVER))) {
            assertThat(second.run(Command.change("drbdadm", "primary", "r0")).exitCode()).isZero();
        }
        assertThat(host.sessions()).isEqualTo(2);
        assertThat(host.commands()).containsExactly("true", "drbdadm primary r0");
    }

    @Test
    void aChangeCutShortOnTheKeptConnectionIsNotReplayedAndSaysSo() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("drbdadm primary", 0, "");
        host.dropConnectionAfterRunning(line -> line.startsWith("drbdadm primary"));

        try (Node node = open(nodes(dir, NEVER))) {
            assertThatThrownBy(() -> node.run(Command.change("drbdadm", "primary", "r0")))
                    .isInstanceOf(DroppedDuringChange.class)
                    .hasMessageContaining("drbdadm primary r0")
                    .hasMessageContaining("it was not sent again");
        }
        assertThat(host.commandsStartingWith("drbdadm primary")).hasSize(1);
    }

    @Test
    void theHostsRefusalsArriveAsTheyWouldWithoutTheKeeper() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        Path empty = Files.writeString(tmp.resolve("known_hosts"), "");

        assertThatThrownBy(() -> nodes(dir, NEVER).open(host.endpoint(), host.sshOptions().withKnownHosts(empty),
                Escalation.NONE))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY))
                .hasMessageContaining("node1");
    }

    @Test
    void whenTheKeeperGoesAwayMidRunAReadIsUnreachableAndAChangeMayHaveRun() throws Exception {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        host.on("true", 0, "");
        Node node = open(nodes(dir, NEVER));
        node.run(Command.probe("true"));

        keeper.close();
        serving.join(WAIT.toMillis());

        assertThatThrownBy(() -> node.run(Command.probe("true")))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("connection keeper");
        assertThatThrownBy(() -> node.run(Command.change("drbdadm", "primary", "r0")))
                .isInstanceOf(DroppedDuringChange.class);
        node.close();
    }

    @Test
    void aStreamsLinesArriveAndClosingItEndsTheRemoteCommand() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        FakeStream remote = new FakeStream("exists resource name:r0 role:Secondary", "exists -");
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        List<String> lines = new CopyOnWriteArrayList<>();

        try (Node node = open(nodes(dir, NEVER))) {
            LineStream stream = node.stream(Command.probe("drbdsetup", "events2", "r0"), lines::add).orElseThrow();
            await().atMost(WAIT).until(() -> lines.size() == 2);
            assertThat(stream.isOpen()).isTrue();
            remote.emit("change resource name:r0 role:Primary");
            await().atMost(WAIT).until(() -> lines.size() == 3);
            stream.close();
            assertThat(stream.isOpen()).isFalse();
            await().atMost(WAIT).until(remote::closedByClient);
        }
        assertThat(lines).containsExactly("exists resource name:r0 role:Secondary", "exists -",
                "change resource name:r0 role:Primary");
    }

    @Test
    void aStreamThatEndsOnTheHostEndsForTheRunWithItsReason() throws IOException {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        FakeStream remote = new FakeStream("exists -");
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        List<String> lines = new CopyOnWriteArrayList<>();

        try (Node node = open(nodes(dir, NEVER))) {
            LineStream stream = node.stream(Command.probe("drbdsetup", "events2", "r0"), lines::add).orElseThrow();
            await().atMost(WAIT).until(() -> lines.size() == 1);
            remote.end(20);

            await().atMost(WAIT).until(() -> !stream.isOpen());
            assertThat(stream.endReason()).contains("exit code 20");
            assertThat(stream.ended().toCompletableFuture().join()).isEqualTo(stream.endReason());
            stream.close();
        }
    }

    @Test
    void theFirstRunStartsTheKeeperOnceAndTheOthersUseIt() throws Exception {
        KeeperDir dir = dir();
        AtomicInteger starts = new AtomicInteger();
        KeptNodes.Starter starter = (socket, idle) -> {
            starts.incrementAndGet();
            startKeeper(dir, WAIT);
            return new ProcessBuilder("echo", "ready").start();
        };
        host.on("true", 0, "");
        KeptNodes nodes = nodes(dir, starter);

        try (Node a = open(nodes); Node b = open(nodes)) {
            a.run(Command.probe("true"));
            b.run(Command.probe("true"));
        }

        assertThat(starts).hasValue(1);
        assertThat(host.sessions()).isEqualTo(1);
    }

    @Test
    void aKeeperThatCannotStartMeansConnectingDirectly() {
        KeeperDir dir = dir();
        KeptNodes nodes = nodes(dir, (socket, idle) -> new ProcessBuilder("echo", "something else").start());

        assertThat(nodes.open(host.endpoint(), host.sshOptions(), Escalation.NONE)).isEmpty();
        assertThat(host.sessions()).isZero();
    }

    @Test
    void anIdleConnectionIsClosedAndTheIdleKeeperExits() throws IOException {
        KeeperDir dir = dir();
        KeptNodes nodes = idleAfterOneSecond(dir);
        try (Node node = open(nodes)) {
            node.run(Command.probe("true"));
        }

        await().atMost(WAIT).until(() -> !serving.isAlive());
        assertThat(dir.socket()).doesNotExist();
    }

    @Test
    void aLeasedConnectionIsNotClosedWhileItsRunHoldsIt() throws Exception {
        KeptNodes nodes = idleAfterOneSecond(dir());
        try (Node node = open(nodes)) {
            node.run(Command.probe("true"));
            Thread.sleep(2500); // longer than the idle time, with the lease held
            assertThat(serving.isAlive()).isTrue();
            node.run(Command.probe("true"));
        }
        assertThat(host.sessions()).isEqualTo(1);
    }

    @Test
    void aKeeperThatStopsAnsweringIsGivenUpAfterTheBackstop() throws Exception {
        KeeperDir dir = dir();
        try (var silent = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            silent.bind(java.net.UnixDomainSocketAddress.of(dir.socket())); // accepts (backlog), never answers
            KeeperSocket socket = new KeeperSocket(dir.socket());
            long t0 = System.nanoTime();

            assertThatThrownBy(() -> socket.call(KeeperWire.object().put("op", "run"), Duration.ofMillis(300)))
                    .isInstanceOf(KeeperSocket.NoAnswer.class)
                    .hasMessageContaining("no answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WAIT);
        }
    }

    @Test
    void aRunGoneBeforeItsLeaseWasAnsweredStillEndsItsLease() throws Exception {
        KeeperDir dir = dir();
        startKeeper(dir, Duration.ofSeconds(1));
        try (var channel = new KeeperSocket(dir.socket()).connect()) {
            ObjectNode lease = KeeperWire.object().put("op", "lease").put("idleMs", 1000);
            lease.set("endpoint", KeeperWire.endpoint(host.endpoint()));
            lease.set("options", KeeperWire.options(host.sshOptions()));
            KeeperWire.write(KeeperWire.writer(channel), lease);
        } // gone at once, before the keeper connected and answered

        await().atMost(WAIT).until(() -> !serving.isAlive()); // the lease ended: idle, closed, exited
        assertThat(host.sessions()).isEqualTo(1);
    }

    @Test
    void aKeeperLeavesANewerKeepersSocketWhereItIs() throws Exception {
        KeeperDir dir = dir();
        startKeeper(dir, WAIT);
        ConnectionKeeper older = keeper;
        Thread olderServing = serving;
        startKeeper(dir, WAIT); // binds the same path anew, as a keeper started after the first one left

        older.close();
        olderServing.join(WAIT.toMillis());

        assertThat(dir.socket()).exists();
        host.on("true", 0, "");
        try (Node node = open(nodes(dir, NEVER))) {
            assertThat(node.run(Command.probe("true")).exitCode()).isZero();
        }
    }

    @Test
    void relativePathsAreTheRunsNotTheKeepers() {
        SshOptions relative = host.sshOptions().withKnownHosts(Path.of("known_hosts")).withIdentityFile(Path.of("keys/id"));

        SshOptions sent = KeptNodes.absolute(relative);

        assertThat(sent.knownHosts()).isEqualTo(Path.of("known_hosts").toAbsolutePath());
        assertThat(sent.identityFile()).isEqualTo(Path.of("keys/id").toAbsolutePath());
        assertThat(KeptConnections.key(host.endpoint(), sent)).isNotEqualTo(KeptConnections.key(host.endpoint(), relative));
    }

    @Test
    void aFailedCommandKeepsItsResultAcrossTheWire() {
        CommandResult failed = new CommandResult(Command.change("chown", "root:root", "/etc/x"), 1, "",
                "chown: invalid user\n", Duration.ofMillis(12));

        DuetException back = KeeperWire.error(KeeperWire.error(new CommandFailedException("node1", failed)));

        assertThat(back).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.node()).isEqualTo("node1");
            assertThat(e.result().exitCode()).isEqualTo(1);
            assertThat(e.result().stderr()).isEqualTo("chown: invalid user\n");
            assertThat(e.result().command().argv()).containsExactly("chown", "root:root", "/etc/x");
        }).hasMessage(new CommandFailedException("node1", failed).getMessage());
    }

    @Test
    void theKeepersDirectoryMustBeTheUsersAlone() throws IOException {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        StringBuilder why = new StringBuilder();

        assertThat(KeeperDir.prepare(open, "test", why)).isEmpty();
        assertThat(why.toString()).contains("mode 0700");
    }
}
