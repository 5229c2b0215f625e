package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Remote time is time during which something is under way on the host, counted once however many calls overlap. */
class TimedNodeTest {

    @Test
    void overlappingCallsCountOnceSoRemoteTimeNeverExceedsWallTime() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        // not a ScriptedNode: it answers one call at a time, and these two must be on the host together
        dev.duet.transport.Node host = new dev.duet.transport.Node() {
            @Override
            public String name() {
                return "node1";
            }

            @Override
            public dev.duet.transport.CommandResult run(Command c) {
                bothInside.countDown();
                try {
                    assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return ScriptedNode.result(c, 0, "ok", "");
            }

            @Override
            public java.util.Optional<byte[]> readFile(String path) {
                return java.util.Optional.empty();
            }

            @Override
            public void writeFile(String path, byte[] content, String mode, String owner) {
                throw new AssertionError(path);
            }
        };
        TimedNode node = new TimedNode(host);
        long t0 = System.nanoTime();
        Thread peer = new Thread(() -> node.run(Command.probe("drbdsetup", "status", "r0")));
        peer.start();
        node.run(Command.probe("drbdsetup", "status", "r1"));
        peer.join();
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(node.spent()).as("two calls held together for 200 ms").isGreaterThanOrEqualTo(Duration.ofMillis(200))
                .isLessThanOrEqualTo(wall);
    }

    @Test
    void callsOneAfterTheOtherAddUp() {
        ScriptedNode host = new ScriptedNode("node1").on("sleep", c -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ScriptedNode.result(c, 0, "", "");
        });
        TimedNode node = new TimedNode(host);
        node.run(Command.probe("sleep", "0.05"));
        node.run(Command.probe("sleep", "0.05"));
        node.add(Duration.ofMillis(7));
        assertThat(node.spent()).isGreaterThanOrEqualTo(Duration.ofMillis(107));
    }
}
