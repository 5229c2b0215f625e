package dev.duet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch script run by a real {@code sh}: every probe's output, error output and exit status come back apart. */
class ProbeBatchTest {
    @Test
    void eachProbeGetsItsOwnOutputErrorAndExitStatusThroughARealShell() throws Exception {
        List<Command> probes = List.of(Command.probe("printf", "a\nb\n"), Command.probe("printf", "no newline"),
                Command.probeScript("echo oops >&2; exit 3"), Command.probe("true"),
                Command.probe("cat", "/nonexistent-duet-file"));
        ProbeBatch batch = ProbeBatch.of(probes);
        List<CommandResult> r = batch.split(runLocally(batch.command()));
        assertThat(r).hasSize(5);
        assertThat(r.get(0).stdout()).isEqualTo("a\nb\n");
        assertThat(r.get(0).exitCode()).isZero();
        assertThat(r.get(1).stdout()).isEqualTo("no newline");
        assertThat(r.get(2).exitCode()).isEqualTo(3);
        assertThat(r.get(2).stderr()).isEqualTo("oops\n");
        assertThat(r.get(2).stdout()).isEmpty();
        assertThat(r.get(3).ok()).isTrue();
        assertThat(r.get(3).stdout()).isEmpty();
        assertThat(r.get(4).exitCode()).isNotZero();
        assertThat(r.get(4).stderr()).contains("No such file");
        assertThat(r).extracting(CommandResult::command).containsExactlyElementsOf(probes);
    }

    @Test
    void aProcFileIsReadByTheShellWithTheSameTextAndAnyOtherCatGoesToTheRealOne() throws Exception {
        List<Command> probes = List.of(Command.probe("cat", "/proc/version"), Command.probe("cat", "/proc/cpuinfo"),
                Command.probe("cat", "/proc/duet-no-such-file"), Command.probe("cat", "/etc/hostname"),
                Command.probe("cat", "/proc/version", "/proc/version"));
        ProbeBatch batch = ProbeBatch.of(probes);
        List<CommandResult> withCat = batch.split(runLocally(batch.command(), null));
        // with no cat to be found, only what the shell reads itself still answers
        List<CommandResult> withoutCat = batch.split(runLocally(batch.command(), "/duet-nonexistent-bin"));

        String version = Files.readString(Path.of("/proc/version"));
        assertThat(withCat.get(0).stdout()).isEqualTo(version);
        assertThat(withoutCat.get(0).stdout()).isEqualTo(version);
        assertThat(withoutCat.get(0).exitCode()).isZero();
        assertThat(withoutCat.get(1).stdout()).isEqualTo(withCat.get(1).stdout()).isEqualTo(Files.readString(Path.of("/proc/cpuinfo")));
        // a /proc file that cannot be read gets the real cat's error and status
        assertThat(withCat.get(2).exitCode()).isEqualTo(1);
        assertThat(withCat.get(2).stderr()).contains("No such file");
        assertThat(withCat.get(3).ok()).isTrue();
        assertThat(withoutCat.get(3).ok()).as("not a /proc file: the real cat").isFalse();
        assertThat(withCat.get(4).stdout()).isEqualTo(version + version);
        assertThat(withoutCat.get(4).ok()).as("two files: the real cat").isFalse();
    }

    @Test
    void aBatchThatEndedEarlyLeavesTheRestFailedNeverEmpty() {
        List<Command> probes = List.of(Command.probe("uname", "-n"), Command.probe("cat", "/proc/drbd"));
        ProbeBatch batch = ProbeBatch.of(probes);
        String tag = batch.command().argv().get(4);
        String partial = "@@duet " + tag + " begin\nnode1\n\n@@duet " + tag + " end 0\n@@duet " + tag + " begin\n";
        var killed = new CommandResult(batch.command(), 124, partial, "", Duration.ofSeconds(1));
        List<CommandResult> r = batch.split(killed);
        assertThat(r.get(0).stdout()).isEqualTo("node1\n");
        assertThat(r.get(1).ok()).isFalse();
        assertThat(r.get(1).exitCode()).isEqualTo(124);
    }

    @Test
    void onlyReadOnlyProbesWithoutStdinAreBatched() {
        assertThat(ProbeBatch.batchable(Command.probe("uname", "-n"))).isTrue();
        assertThat(ProbeBatch.batchable(Command.change("drbdadm", "up", "r0"))).isFalse();
        assertThat(ProbeBatch.batchable(Command.probe("cat").withStdin("x"))).isFalse();
        assertThat(ProbeBatch.of(List.of(Command.probe("uname", "-n"))).command().readOnly()).isTrue();
    }

    private static CommandResult runLocally(Command c) throws IOException, InterruptedException {
        return runLocally(c, null);
    }

    /** Runs the batch with {@code /bin/sh}, with {@code path} as its PATH when not null. */
    private static CommandResult runLocally(Command c, String path) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(c.argv());
        argv.set(0, "/bin/sh");
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CommandResult(c, p.waitFor(), out, err, Duration.ZERO);
    }
}
