package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a kept shell's answer counts as in time. The waiting thread can run late (a loaded machine): it may
 * then find the host timeout's own exit status already there, which is a termination, not the answer.
 */
class ProbeShellsDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Command PROBE = Command.probe("drbdadm", "wait-connect", "r0").withTimeout(TIMEOUT);

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final RemoteExecution execution = new RemoteExecution("node1", io, RemoteTimeout.DEFAULT);
    private final ProbeShells shells = new ProbeShells(io, execution, RemoteTimeout.DEFAULT);

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private static CompletableFuture<ProbeShell.Answer> answered(String stdout, int exit) {
        return CompletableFuture.completedFuture(new ProbeShell.Answer(stdout.getBytes(StandardCharsets.UTF_8), exit));
    }

    @Test
    void theHostTimeoutsExitSeenAfterTheDeadlineIsATermination() {
        long past = System.nanoTime() - Duration.ofMillis(5).toNanos();

        assertThatThrownBy(() -> shells.awaitAnswer(answered("", 124), PROBE, TIMEOUT, past))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("`drbdadm wait-connect r0` did not finish within 300 ms")
                .hasMessageContaining("termination confirmed (exit 124 from timeout)");
    }

    @Test
    void anAnswerSeenAfterTheDeadlineWithTheCommandsOwnStatusStands() throws Exception {
        long past = System.nanoTime() - Duration.ofMillis(5).toNanos();

        assertThat(shells.awaitAnswer(answered("ok\n", 0), PROBE, TIMEOUT, past).exit()).isZero();
    }

    @Test
    void anExitOf124WithinTheDeadlineIsTheCommandsOwn() throws Exception {
        long ahead = System.nanoTime() + Duration.ofSeconds(10).toNanos();

        assertThat(shells.awaitAnswer(answered("", 124), PROBE, TIMEOUT, ahead).exit()).isEqualTo(124);
    }
}
