package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C without a signal: the cancellation the shutdown hook triggers, triggered here by the test. */
class CancellationTest {
    private final CountDownLatch mkfsRunning = new CountDownLatch(1);
    private final CountDownLatch mkfsMayEnd = new CountDownLatch(1);
    private final ScriptedNode host = new ScriptedNode("node1")
            .on("mkfs.ocfs2", c -> {
                mkfsRunning.countDown();
                try {
                    mkfsMayEnd.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ScriptedNode.result(c, 0, "", "");
            })
            .on("mount", 0, "");
    private final Cancellation cancellation = new Cancellation();
    private final Node node = cancellation.guard(h -> host).open(new Host("node1", Map.of(), List.of("all")));

    @Test
    void theRunningCommandFinishesAndNothingNewStarts() throws Exception {
        var mkfs = CompletableFuture.supplyAsync(() -> node.run(Command.change("mkfs.ocfs2", "/dev/drbd0")));
        assertThat(mkfsRunning.await(10, TimeUnit.SECONDS)).isTrue();

        cancellation.cancel("interrupted (Ctrl-C)");
        assertThat(cancellation.running()).containsExactly("node1: `mkfs.ocfs2 /dev/drbd0`");
        mkfsMayEnd.countDown();

        assertThat(mkfs.get(10, TimeUnit.SECONDS).ok()).as("the running command was let finish").isTrue();
        assertThat(cancellation.running()).isEmpty();
        assertThatThrownBy(() -> node.run(Command.change("mount", "/dev/drbd0", "/srv")))
                .isInstanceOf(DuetException.class).hasMessageContaining("interrupted (Ctrl-C)")
                .hasMessageContaining("not started")
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.INTERRUPTED));
        assertThatThrownBy(() -> node.writeFile("/etc/fstab", new byte[0], "0644", null)).isInstanceOf(DuetException.class);
        assertThatThrownBy(() -> node.run(Command.probe("cat", "/proc/drbd"))).isInstanceOf(DuetException.class);
        assertThat(host.commands()).extracting(Command::line).containsExactly("mkfs.ocfs2 /dev/drbd0");
        assertThat(cancellation.refused()).containsExactly("node1: `mount /dev/drbd0 /srv`", "node1: writing /etc/fstab",
                "node1: `cat /proc/drbd`");
    }

    @Test
    void theHookWaitsOnlyUntilTheRunEndsOrTheBound() {
        assertThat(cancellation.awaitFinished(Duration.ofMillis(50))).isFalse();
        cancellation.finished();
        assertThat(cancellation.isFinished()).isTrue();
        assertThat(cancellation.awaitFinished(Duration.ofSeconds(5))).isTrue();
    }
}
