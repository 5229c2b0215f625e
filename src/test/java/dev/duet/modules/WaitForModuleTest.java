package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestArgs;
import dev.duet.testing.TestContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitForModuleTest {
    private static final String SSH_ONLY = "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*\n";
    private static final String WITH_APP = SSH_ONLY + "LISTEN 0      511        127.0.0.1:8080      0.0.0.0:*\n"
            + "LISTEN 0      511            [::]:7788         [::]:*\n";

    private final WaitForModule module = new WaitForModule(Duration.ofMillis(20));

    private Step bind(Object... args) {
        return module.bind(TestArgs.of("wait_for", args));
    }

    /** ss answers {@code before} for the first {@code polls} reads, then {@code after}. */
    private static ScriptedNode listening(int polls, String before, String after, AtomicInteger reads) {
        return new ScriptedNode("node1").on("ss -Htln", c -> ScriptedNode.result(c, 0,
                reads.incrementAndGet() <= polls ? before : after, ""));
    }

    @Test
    void waitsOnTheParsedListenersUntilThePortListens() {
        AtomicInteger reads = new AtomicInteger();
        ScriptedNode node = listening(3, SSH_ONLY, WITH_APP, reads);
        TestContext ctx = TestContext.apply(node);

        Check check = ctx.run(bind("port", 8080, "timeout", 10));

        assertThat(check.message()).isEqualTo("waits up to 10 s for port 8080 on 127.0.0.1 to listen");
        assertThat(ctx.done().changed()).isFalse();
        assertThat(ctx.done().message()).startsWith("port 8080 listening on 127.0.0.1 after ");
        assertThat(ctx.done().result()).containsEntry("port", 8080).containsEntry("state", "started");
        assertThat(reads.get()).isEqualTo(4);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void alreadyTrueIsOkAtOnceAndAWildcardListenerServesLoopback() {
        ScriptedNode node = listening(0, "", WITH_APP, new AtomicInteger());

        Check v6 = TestContext.apply(node).run(bind("port", 7788));
        Check gone = TestContext.apply(node).run(bind("port", 9999, "state", "stopped"));

        assertThat(v6.kind()).isEqualTo(Check.Kind.OK);
        assertThat(gone.kind()).isEqualTo(Check.Kind.OK);
        assertThat(gone.message()).isEqualTo("port 9999 not listening on 127.0.0.1");
    }

    @Test
    void timeoutNamesWhatWasAwaitedAndLastSeen() {
        ScriptedNode node = listening(0, "", SSH_ONLY, new AtomicInteger());

        assertThatThrownBy(() -> TestContext.apply(node).run(bind("port", 8080, "timeout", 0)))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("node1: timeout when waiting 0 s for port 8080 on 127.0.0.1 to listen")
                .hasMessageContaining("last seen: port 8080 not listening");
    }

    @Test
    void anUnreadableStateFailsInsteadOfCountingAsAnAnswer() {
        ScriptedNode node = new ScriptedNode("node1").on("ss -Htln", 127, "", "sh: ss: not found\n");

        assertThatThrownBy(() -> TestContext.apply(node).run(bind("port", 22, "state", "stopped")))
                .isInstanceOf(DuetException.class).hasMessageContaining("ss");
    }

    @Test
    void pathWithSearchRegexWaitsForTheContent() {
        AtomicInteger reads = new AtomicInteger();
        ScriptedNode node = new ScriptedNode("node1").file("/var/log/app.log", "starting\n");
        node.on("stat", c -> {
            if (reads.incrementAndGet() == 3) {
                node.file("/var/log/app.log", "starting\nready on 8080\n");
            }
            return ScriptedNode.result(c, 0, "regular file|644|root:root\n", "");
        });
        TestContext ctx = TestContext.apply(node);

        ctx.run(bind("path", "/var/log/app.log", "search_regex", "^ready on (\\d+)", "timeout", 10));

        assertThat(ctx.done().message()).startsWith("/var/log/app.log matching ^ready on (\\d+) after ");
    }

    @Test
    void checkModeReadsOnceAndSaysWhatItWouldWaitFor() {
        AtomicInteger reads = new AtomicInteger();
        ScriptedNode node = listening(100, SSH_ONLY, WITH_APP, reads);

        Check plan = TestContext.plan(node).run(bind("port", 8080));

        assertThat(plan.kind()).isEqualTo(Check.Kind.SKIP);
        assertThat(plan.message()).isEqualTo("would wait up to 300 s for port 8080 on 127.0.0.1 to listen (now: port 8080 not listening on 127.0.0.1)");
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aPlainPauseAnotherHostAndDrainedAreRefusedAtTheTask() {
        assertThatThrownBy(() -> bind("timeout", 30)).isInstanceOf(InputException.class).hasMessageContaining("plain pause");
        assertThatThrownBy(() -> bind("port", 22, "host", "10.0.0.2")).isInstanceOf(InputException.class)
                .hasMessageContaining("run_on");
        assertThatThrownBy(() -> bind("port", 22, "state", "drained")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> bind("path", "/tmp/x", "search_regex", "(")).isInstanceOf(InputException.class);
    }
}
