package dev.duet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        Process p = new ProcessBuilder(c.argv()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CommandResult(c, p.waitFor(), out, err, Duration.ZERO);
    }
}
