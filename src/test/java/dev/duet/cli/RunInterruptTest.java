package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.Cancellation;
import dev.duet.engine.EngineEvent;
import dev.duet.engine.Plan;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import dev.duet.step.Args;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What Ctrl-C runs during apply, run here by the test instead of by a signal. */
class RunInterruptTest {
    private static final Module ANY = new Module() {
        @Override
        public String name() {
            return "command";
        }

        @Override
        public Set<String> requiredArgs() {
            return Set.of();
        }

        @Override
        public Set<String> optionalArgs() {
            return Set.of();
        }

        @Override
        public Step bind(Args args) {
            throw new UnsupportedOperationException();
        }
    };

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch mayEnd = new CountDownLatch(1);
    private final ScriptedNode host = new ScriptedNode("node1").on("mkfs.ocfs2", c -> {
        running.countDown();
        try {
            mayEnd.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ScriptedNode.result(c, 0, "", "");
    });
    private final Node node = cancellation.guard(h -> host).open(new Host("node1", Map.of(), List.of("all")));

    private static Plan.PlannedTask task(String name) {
        return new Plan.PlannedTask(new Task(name, "command", Map.of(), null, false, null, List.of(),
                new Args.Location(Path.of("site.yml"), 1, 1)), ANY, List.of("node1"));
    }

    private RunInterrupt interrupt(Duration bound) {
        Play play = new Play("Pair", "all", Map.of(), false, false, List.of(), null);
        Plan plan = new Plan(List.of(new Plan.PlannedPlay(play, List.of(), List.of(task("Format"), task("Mount"),
                task("Write the motd")))));
        return new RunInterrupt(cancellation, plan, new PrintStream(err, true, StandardCharsets.UTF_8), bound);
    }

    /** The run: Format starts and runs mkfs; after it, the run tries the next command and ends. */
    private CompletableFuture<Void> run(RunInterrupt interrupt) {
        var listener = interrupt.watching(e -> { });
        return CompletableFuture.runAsync(() -> {
            try {
                listener.on(new EngineEvent.TaskStarted("Pair", "Format", "command", List.of("node1"), 1, 3));
                node.run(Command.change("mkfs.ocfs2", "/dev/drbd0"));
                listener.on(new EngineEvent.TaskStarted("Pair", "Mount", "command", List.of("node1"), 2, 3));
                node.run(Command.change("mount", "/dev/drbd0", "/srv"));
            } catch (RuntimeException refused) {
                // the host fails and stops, as in the runner
            } finally {
                cancellation.finished();
            }
        });
    }

    @Test
    void ctrlCLetsTheRunningCommandFinishThenSaysWhatWasCutShort() throws Exception {
        RunInterrupt interrupt = interrupt(Duration.ofSeconds(20));
        var run = run(interrupt);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        var hook = CompletableFuture.runAsync(interrupt.onShutdown());
        while (!cancellation.isCancelled()) {
            Thread.onSpinWait();
        }
        assertThat(hook).as("waits for the running command").isNotDone();
        mayEnd.countDown();
        hook.get(20, TimeUnit.SECONDS);
        run.get(5, TimeUnit.SECONDS);

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said).contains("interrupted", "node1: `mkfs.ocfs2 /dev/drbd0`",
                "not started: node1: `mount /dev/drbd0 /srv`", "task not started: Write the motd")
                .doesNotContain("still running", "task not started: Mount", "task not started: Format");
        assertThat(host.commands()).extracting(Command::line).containsExactly("mkfs.ocfs2 /dev/drbd0");
    }

    @Test
    void aCommandOutlivingTheBoundIsNamedAsStillRunning() throws Exception {
        RunInterrupt interrupt = interrupt(Duration.ofMillis(200));
        var run = run(interrupt);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        interrupt.onShutdown().run();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("still running", "mkfs.ocfs2 /dev/drbd0",
                "task not started: Mount");
        mayEnd.countDown();
        run.get(5, TimeUnit.SECONDS);
    }

    @Test
    void afterANormalEndTheHookDoesNothing() {
        cancellation.finished();
        interrupt(Duration.ofSeconds(1)).onShutdown().run();
        assertThat(err.size()).isZero();
        assertThat(cancellation.isCancelled()).isFalse();
    }
}
