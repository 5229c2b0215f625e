package dev.duet.drbd.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.drbd.Peer;
import dev.duet.testing.Captures;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link Events2Follower} fed line by line on the test thread: no SSH, no timing. */
class Events2FollowerTest {
    private static final Command STREAM = Command.probe("drbdsetup", "events2", "--statistics");
    private static final String PEER_DEVICE = "name:r0 peer-node-id:0 conn-name:peer volume:0";

    /** A node whose stream delivers {@code initial} at once and then what the test {@link #push}es. */
    private static final class PushNode implements Node {
        private final List<String> initial;
        private final String endsWith;
        private Consumer<String> onLine;
        private boolean open = true;
        private boolean closed;

        PushNode(String endsWith, String... initial) {
            this.initial = List.of(initial);
            this.endsWith = endsWith;
        }

        void push(String... lines) {
            for (String l : lines) {
                onLine.accept(l);
            }
        }

        @Override
        public String name() {
            return "node2";
        }

        @Override
        public CommandResult run(Command command) {
            throw new AssertionError("a follower runs nothing: " + command.line());
        }

        @Override
        public Optional<byte[]> readFile(String path) {
            return Optional.empty();
        }

        @Override
        public void writeFile(String path, byte[] content, String mode, String owner) {
            throw new AssertionError("no writes");
        }

        @Override
        public Optional<LineStream> stream(Command command, Consumer<String> consumer) {
            assertThat(command.readOnly()).isTrue();
            onLine = consumer;
            initial.forEach(consumer);
            if (endsWith != null) {
                open = false;
            }
            return Optional.of(new LineStream() {
                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public String endReason() {
                    return open ? "" : closed ? "closed" : endsWith;
                }

                @Override
                public java.util.concurrent.CompletionStage<String> ended() {
                    return new java.util.concurrent.CompletableFuture<>(); // the follower does not ask
                }

                @Override
                public void close() {
                    closed = true;
                    open = false;
                }
            });
        }
    }

    private static String[] dump(String state) {
        return Captures.output("drbdsetup_events2_now__" + state + "__node2").lines().toArray(String[]::new);
    }

    private static Events2Follower follow(PushNode node, AtomicInteger changes) {
        return Events2Follower.start(node, STREAM, Duration.ofSeconds(5), changes::incrementAndGet,
                why -> { throw new AssertionError(why); }).orElseThrow();
    }

    @Test
    void aChangedStateCallsOnChangeOnceAndTheDumpDoesNot() {
        var node = new PushNode(null, dump("dual_primary"));
        var changes = new AtomicInteger();
        var f = follow(node, changes);
        assertThat(changes).hasValue(0);
        assertThat(f.current().device("r0").orElseThrow().role()).isEqualTo("Primary");

        node.push("change resource name:r0 role:Secondary");

        assertThat(changes).hasValue(1);
        assertThat(f.current().device("r0").orElseThrow().role()).isEqualTo("Secondary");
    }

    @Test
    void linesThatChangeNothingShownDoNotCallOnChange() {
        var node = new PushNode(null, dump("dual_primary"));
        var changes = new AtomicInteger();
        var f = follow(node, changes);
        var before = f.current();

        node.push("change resource name:r0 role:Primary",
                "call helper " + PEER_DEVICE + " minor:0 helper:before-resync-target",
                "response helper " + PEER_DEVICE + " minor:0 helper:before-resync-target status:0",
                "change connection name:r0 peer-node-id:0 conn-name:peer",
                "");

        assertThat(changes).hasValue(0);
        assertThat(f.current().devices()).isEqualTo(before.devices());
    }

    @Test
    void statisticsDumpBringsCountersButNotItsOlderStateWords() {
        var node = new PushNode(null, dump("dual_primary"));
        var changes = new AtomicInteger();
        var f = follow(node, changes);
        node.push("change peer-device " + PEER_DEVICE + " replication:SyncTarget",
                "change device name:r0 volume:0 minor:0 disk:Inconsistent");

        boolean changed = f.absorbStatistics(String.join("\n",
                "exists resource name:r0 role:Secondary suspended:no",
                "exists device name:r0 volume:0 minor:0 disk:UpToDate size:1048576",
                "exists peer-device " + PEER_DEVICE + " replication:Established peer-disk:UpToDate "
                        + "resync-suspended:no done:42.50 out-of-sync:524288",
                "exists -"));

        assertThat(changed).isTrue();
        var d = f.current().device("r0").orElseThrow();
        assertThat(d.role()).isEqualTo("Primary");
        assertThat(d.disk()).isEqualTo("Inconsistent");
        Peer p = d.peer().orElseThrow();
        assertThat(p.replication()).isEqualTo("SyncTarget");
        assertThat(p.syncPercent()).isEqualTo(42.5);
        assertThat(f.absorbStatistics("exists peer-device " + PEER_DEVICE + " done:42.50 out-of-sync:524288\n"))
                .as("the same counters again change nothing").isFalse();
    }

    @Test
    void aStreamThatEndsBeforeItsDumpStartsNothingAndSaysWhy() {
        var node = new PushNode("ended with exit code 20", "drbdsetup: unrecognized option '--statistics'");
        var why = new ArrayList<String>();

        var f = Events2Follower.start(node, STREAM, Duration.ofSeconds(5), () -> { }, why::add);

        assertThat(f).isEmpty();
        assertThat(why).containsExactly("no initial state: ended with exit code 20");
    }

    @Test
    void aStandAloneConnectionThatIsDestroyedStaysStandAlone() {
        var node = new PushNode(null, dump("dual_primary"));
        var f = follow(node, new AtomicInteger());

        node.push("change connection name:r0 peer-node-id:0 conn-name:peer connection:StandAlone",
                "destroy peer-device " + PEER_DEVICE,
                "destroy connection name:r0 peer-node-id:0 conn-name:peer");

        assertThat(f.current().device("r0").orElseThrow().peer().orElseThrow().connection()).isEqualTo("StandAlone");
    }
}
