package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.OpenSshNode;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SshNode against Debian's real sshd (internal-sftp), started by the test on a free 127.0.0.1 port. */
class SshNodeOpenSshTest {
    @RegisterExtension
    static final OpenSshNode REAL = OpenSshNode.withSftp("real1");

    @Test
    void runsCommandsWithExitCodeStderrAndStdin() {
        CommandResult r = REAL.node().run(Command.probeScript("echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");

        assertThat(REAL.node().run(Command.probe("cat").withStdin("hello\n")).stdout()).isEqualTo("hello\n");
        assertThat(REAL.node().run(Command.probe("printf", "%s|", "a b", "it's")).stdout()).isEqualTo("a b|it's|");
    }

    @Test
    void writesAndReadsFilesOverSftpAtomically() throws Exception {
        String path = REAL.sshd().scratch().resolve("etc/ocfs2/cluster.conf").toString();

        REAL.node().writeFile(path, "cluster:\n\tname = duet\n".getBytes(StandardCharsets.UTF_8), "0640", null);
        REAL.node().writeFile(path, "cluster:\n\tname = pair\n".getBytes(StandardCharsets.UTF_8), "0644", null);

        Path local = Path.of(path);
        assertThat(Files.readString(local)).isEqualTo("cluster:\n\tname = pair\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent()))).isEqualTo("rwxr-xr-x");
        try (var files = Files.list(local.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cluster.conf");
        }
        assertThat(REAL.node().readFile(path)).hasValue("cluster:\n\tname = pair\n".getBytes(StandardCharsets.UTF_8));
        assertThat(REAL.node().readFile(REAL.sshd().scratch().resolve("missing").toString())).isEmpty();
    }

    @Test
    void hungCommandIsKilledOnTheHostWithItsChildren() {
        // a unique sleep length names the processes of this test alone (other builds share the machine)
        String marker = "600." + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        Command hung = Command.changeScript("sleep \"$1\" & sleep \"$1\"; wait", marker)
                .withTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> REAL.node().run(hung))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("real1")
                .hasMessageContaining(marker)
                .hasMessageContaining("termination confirmed");

        Awaitility.await("no process left with " + marker).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> localProcessesMatching(marker).isEmpty());
        assertThat(REAL.node().run(Command.probe("true")).exitCode()).as("connection still usable").isZero();
    }

    @Test
    void aCommandThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        String marker = "600." + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        // an ignored signal stays ignored across exec, so sleep ignores SIGTERM too
        Command stubborn = Command.changeScript("trap '' TERM; sleep \"$1\"; :", marker)
                .withTimeout(Duration.ofSeconds(1));
        RemoteTimeout quick = new RemoteTimeout(Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (SshNode quickNode = new SshNode(REAL.sshd().endpoint(), REAL.sshd().sshOptions(), quick).connect()) {
            assertThatThrownBy(() -> quickNode.run(stubborn))
                    .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("termination confirmed");
        }
        Awaitility.await("SIGKILL reached every process with " + marker).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> localProcessesMatching(marker).isEmpty());
    }

    @Test
    void theSleepOfTheHungTestIsVisibleToPgrepWhileItRuns() throws Exception {
        // proves the check above can fail: the same lookup does find a running sleep
        String marker = "600." + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        Process sleep = new ProcessBuilder("sleep", marker).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !localProcessesMatching(marker).isEmpty());
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** pgrep -f on this machine: the sshd under test is local, so its commands are our processes. */
    private static String localProcessesMatching(String marker) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-af", "sleep " + marker).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    @Test
    void timeoutIsReportedAndConnectionStaysUsable() {
        assertThatThrownBy(() -> REAL.node().run(Command.probe("sleep", "5").withTimeout(Duration.ofMillis(500))))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(REAL.node().run(Command.probe("true")).exitCode()).isZero();
    }

    @Test
    void probeBatchesOnTheKeptShellAnswerAsTheirOwnSessionsDo() {
        List<Command> probes = List.of(Command.probeScript("echo out; echo err >&2; exit 3"),
                Command.probe("printf", "%s|", "a b", "it's"), Command.probe("cat"), Command.probeScript("cd /; pwd"));

        ch.qos.logback.classic.Logger commands = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("duet.commands");
        var log = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        log.start();
        ch.qos.logback.classic.Level saved = commands.getLevel();
        commands.setLevel(ch.qos.logback.classic.Level.INFO);
        commands.addAppender(log);
        try {
            answersThreeTimes(probes);
        } finally {
            commands.detachAppender(log);
            commands.setLevel(saved);
        }
        assertThat(log.list).hasSize(3).allMatch(e -> e.getFormattedMessage().endsWith("(kept shell)"));
    }

    private static void answersThreeTimes(List<Command> probes) {
        for (int i = 0; i < 3; i++) {
            List<CommandResult> r = REAL.node().runAll(probes);
            assertThat(r.get(0).exitCode()).isEqualTo(3);
            assertThat(r.get(0).stdout()).isEqualTo("out\n");
            assertThat(r.get(0).stderr()).isEqualTo("err\n");
            assertThat(r.get(1).stdout()).isEqualTo("a b|it's|");
            assertThat(r.get(2).stdout()).as("stdin is empty, the next request is not read").isEmpty();
            assertThat(r.get(3).stdout()).isEqualTo("/\n");
        }
    }

    @Test
    void aHungBatchOnTheKeptShellIsKilledOnTheHostAndTheNextBatchIsAnswered() {
        String marker = "600." + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
        // a batch's timeout is the longest of its probes'
        List<Command> hung = List.of(Command.probe("true").withTimeout(Duration.ofSeconds(2)),
                Command.probeScript("sleep \"$1\" & sleep \"$1\"; wait", marker).withTimeout(Duration.ofSeconds(2)));
        REAL.node().runAll(List.of(Command.probe("true"), Command.probe("true")));

        assertThatThrownBy(() -> REAL.node().runAll(hung))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining(marker)
                .hasMessageContaining("termination confirmed");

        Awaitility.await("no process left with " + marker).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> localProcessesMatching(marker).isEmpty());
        List<CommandResult> after = REAL.node().runAll(List.of(Command.probe("echo", "a"), Command.probe("echo", "b")));
        assertThat(after).extracting(CommandResult::stdout).containsExactly("a\n", "b\n");
    }
}
