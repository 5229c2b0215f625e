package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kept shell's framing against a real {@code sh} (the one lab guests and Debian run), without SSH. */
class ShellFramesTest {
    private final ExecutorService io = Executors.newCachedThreadPool();
    private Process sh;

    @BeforeEach
    void start() throws IOException {
        sh = new ProcessBuilder("sh").start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        sh.destroy();
        sh.waitFor(5, TimeUnit.SECONDS);
        io.shutdownNow();
    }

    private record Got(String stdout, String stderr, int exit) {
    }

    private Got send(String line) throws Exception {
        ShellFrames frames = ShellFrames.fresh();
        OutputStream stdin = sh.getOutputStream();
        stdin.write(frames.request(line).getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        ProbeShell.Exchange exchange = new ProbeShell.Exchange(frames, sh.getInputStream(), sh.getErrorStream());
        Future<ProbeShell.Answer> out = io.submit(exchange.stdout());
        Future<byte[]> err = io.submit(exchange.stderr());
        ProbeShell.Answer a = out.get(10, TimeUnit.SECONDS);
        return new Got(new String(a.stdout(), StandardCharsets.UTF_8),
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8), a.exit());
    }

    @Test
    void eachAnswerIsWholeWithItsOwnStderrAndExitStatus() throws Exception {
        assertThat(send("echo out; echo err >&2; exit 3")).isEqualTo(new Got("out\n", "err\n", 3));
        assertThat(send("printf 'no newline'")).isEqualTo(new Got("no newline", "", 0));
        assertThat(send("true")).isEqualTo(new Got("", "", 0));
        assertThat(send("printf '\\n\\n'")).isEqualTo(new Got("\n\n", "", 0));
        assertThat(send("printf 'x\\n' >&2; false")).isEqualTo(new Got("", "x\n", 1));
    }

    @Test
    void aCommandNeitherChangesTheShellNorReadsTheNextRequest() throws Exception {
        assertThat(send("cd /; x=set; cat; read y; echo \"[$y]\"")).isEqualTo(new Got("[]\n", "", 0));
        Got after = send("echo \"${x:-unset}\"; pwd");
        assertThat(after.stdout()).isEqualTo("unset\n" + System.getProperty("user.dir") + "\n");
        assertThat(send("echo comment # ) and more")).isEqualTo(new Got("comment\n", "", 0));
        assertThat(send("exit 7")).isEqualTo(new Got("", "", 7));
        assertThat(send("echo still here").stdout()).isEqualTo("still here\n");
    }

    @Test
    void outputThatLooksLikeAMarkerOfAnotherRequestDoesNotEndTheAnswer() throws Exception {
        Got got = send("printf '\\n@@duet-sh 0123456789abcdef 0\\n'; echo after");
        assertThat(got).isEqualTo(new Got("\n@@duet-sh 0123456789abcdef 0\nafter\n", "", 0));
    }

    @Test
    void largeOutputArrivesWhole() throws Exception {
        Got got = send("i=0; while [ $i -lt 20000 ]; do echo \"line $i of some probe output\"; i=$((i+1)); done");
        assertThat(got.stdout().lines()).hasSize(20000).endsWith("line 19999 of some probe output");
        assertThat(got.exit()).isZero();
    }

    @Test
    void aShellThatEndsMidAnswerIsAnEndNotAnAnswer() throws Exception {
        ShellFrames frames = ShellFrames.fresh();
        sh.getOutputStream().write("echo partial; kill -9 $$\n".getBytes(StandardCharsets.UTF_8));
        sh.getOutputStream().flush();
        ProbeShell.Exchange exchange = new ProbeShell.Exchange(frames, sh.getInputStream(), sh.getErrorStream());
        assertThatThrownBy(() -> io.submit(exchange.stdout()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(EOFException.class);
    }

    @Test
    void aRequestParsesBackToItsLineAndTag() {
        ShellFrames frames = ShellFrames.fresh();
        String line = "timeout -k 5s 30s sh -c 'a\nb' sh 'it'\\''s'";
        var parsed = ShellFrames.parse(frames.request(line));
        assertThat(parsed).isPresent();
        assertThat(parsed.get().line()).isEqualTo(line);
        assertThat(parsed.get().frames()).isEqualTo(frames);
        assertThat(ShellFrames.parse("echo hi\n")).isEmpty();
    }
}
