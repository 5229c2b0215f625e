package dev.duet.drbd.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.Captures;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.FakeStream;
import dev.duet.transport.Node;
import dev.duet.transport.ReadOnlyGuard;
import dev.duet.transport.ssh.SshNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Events2SourceTest {
    private static final String STATUS = "drbdsetup status r0 --verbose --statistics";
    private static final Duration LONG = Duration.ofSeconds(20);

    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node2");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    /** The lab's streamed events of node2 up to (and including) the line starting with {@code lastPrefix}. */
    private static String[] streamedUntil(String lastPrefix) {
        List<String> all = streamLog();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(lastPrefix)) {
                return all.subList(0, i + 1).toArray(String[]::new);
            }
        }
        throw new AssertionError("no line with " + lastPrefix);
    }

    /** The lab's streamed events of node2 from the line with {@code firstPrefix} to the one with {@code lastPrefix}. */
    private static List<String> streamedBetween(String firstPrefix, String lastPrefix) {
        List<String> all = streamLog();
        int first = -1;
        for (int i = 0; i < all.size(); i++) {
            if (first < 0 && all.get(i).contains(firstPrefix)) {
                first = i;
            }
            if (first >= 0 && all.get(i).contains(lastPrefix)) {
                return all.subList(first, i + 1);
            }
        }
        throw new AssertionError("no lines from " + firstPrefix + " to " + lastPrefix);
    }

    private static List<String> streamLog() {
        try {
            return Files.readAllLines(Path.of("/work/shared/lab/captures/drbdsetup_events2_streaming_log__node2.txt"))
                    .stream().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("$")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Events2Source events(Node n, boolean capable) {
        return new Events2Source(n, StatusCommandSource.of(n), x -> capable, Duration.ofSeconds(5));
    }

    /**
     * Polling every 30 s: a wait that ends quickly cannot have been polling. StandAlone is tolerated for
     * the product's grace, as in a run: the replayed log opens with 8.4's momentary `create connection
     * ... connection:StandAlone`, and a loaded machine can leave the stream reader behind long enough for a
     * short grace to see it twice.
     */
    private static WaitOptions slowPolling(Duration timeout, Duration stall) {
        return new WaitOptions(timeout, stall, Duration.ofSeconds(30), WaitOptions.DEFAULT_GRACE);
    }

    @Test
    void aWaitEndsOnTheStreamedChangeWithoutPollingAndHangsUpTheStream() throws Exception {
        var remote = new FakeStream(streamedUntil("connection:Connected"));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));

        var d = new DrbdWaiter(events(node, true), slowPolling(LONG, null)).await("r0", StateCondition.connected());

        assertThat(d.peer().orElseThrow().connection()).isEqualTo("Connected");
        assertThat(d.disk()).isEqualTo("Inconsistent");
        assertThat(host.commandsStartingWith("drbdsetup status")).isEmpty();
        assertThat(host.commands()).containsExactly("drbdsetup events2");
        assertThat(remote.awaitClosedByClient(Duration.ofSeconds(10))).as("stream closed after the wait").isTrue();
    }

    @Test
    void changesArrivingAfterTheDumpEndTheWait() throws Exception {
        var remote = new FakeStream(streamedUntil("connection:Connecting"));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        var lines = streamLog();
        var later = new Thread(() -> {
            try {
                if (remote.awaitStarted(Duration.ofSeconds(10))) {
                    remote.emit(lines.get(9), lines.get(10), lines.get(11));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        later.start();

        var d = new DrbdWaiter(events(node, true), slowPolling(LONG, null))
                .await("r0", new StateCondition("Connected", null, null, "Inconsistent", null, "Established"));

        later.join();
        assertThat(d.peer().orElseThrow().replication()).isEqualTo("Established");
        assertThat(host.commandsStartingWith("drbdsetup status")).isEmpty();
    }

    @Test
    void timeoutMessageKeepsItsShapeAndNamesTheLastStreamedState() {
        var remote = new FakeStream(streamedUntil("connection:Connecting"));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));

        assertThatThrownBy(() -> new DrbdWaiter(events(node, true), slowPolling(Duration.ofMillis(400), null))
                .await("r0", StateCondition.upToDateBoth()))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("node2: timed out after 400 ms waiting for r0 connection=Connected disk=UpToDate "
                        + "peer_disk=UpToDate; last state seen: role=Secondary disk=Inconsistent connection=Connecting "
                        + "replication=Off peer_role=Unknown peer_disk=DUnknown");
        assertThat(host.commandsStartingWith("drbdsetup status")).isEmpty();
    }

    @Test
    void stallIsReportedFromTheStreamedState() {
        var remote = new FakeStream(streamedUntil("connection:Connecting"));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));

        assertThatThrownBy(() -> new DrbdWaiter(events(node, true), slowPolling(LONG, Duration.ofMillis(300)))
                .await("r0", StateCondition.connected()))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageStartingWith("node2: stalled: no progress for 300 ms waiting for r0 connection=Connected")
                .hasMessageContaining("last state seen: role=Secondary disk=Inconsistent connection=Connecting");
    }

    @Test
    void drbd84DisconnectThatDestroysTheConnectionIsStandAloneAndFailsFast() {
        // 8.4 streams `connection:StandAlone` then `destroy connection` on a disconnect: the lab's log up to
        // Connecting, then its disconnect (never Connected in between, so the outcome does not depend on
        // when the wait looks)
        List<String> lines = new java.util.ArrayList<>(List.of(streamedUntil("connection:Connecting")));
        lines.addAll(streamedBetween("connection:Disconnecting", "destroy connection"));
        var remote = new FakeStream(lines.toArray(String[]::new));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        host.on("sh -c", 0, "");

        WaitOptions shortGrace = new WaitOptions(LONG, null, Duration.ofSeconds(30), Duration.ofMillis(50));
        assertThatThrownBy(() -> new DrbdWaiter(events(node, true), shortGrace)
                .await("r0", StateCondition.connected()))
                .isInstanceOfSatisfying(DuetException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PRECONDITION))
                .hasMessageContaining("node2: r0 is StandAlone (it will not connect by itself)")
                .hasMessageContaining("connection=StandAlone");
    }

    @Test
    void fallsBackToPollingWhenTheNodeHasNoEvents2() {
        host.on(STATUS, 0, Captures.output("drbdsetup_status_verbose__after_up__node2"));

        var d = new DrbdWaiter(events(node, false), slowPolling(LONG, null)).await("r0", StateCondition.connected());

        assertThat(d.peer().orElseThrow().connection()).isEqualTo("Connected");
        assertThat(host.commandsStartingWith("drbdsetup events2")).isEmpty();
        assertThat(host.commandsStartingWith("drbdsetup status")).hasSize(1);
    }

    @Test
    void fallsBackToPollingWhenTheStreamEndsBeforeItsFirstDump() {
        var remote = new FakeStream("drbdsetup: unknown command 'events2'");
        remote.end(20);
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        host.on(STATUS, 0, Captures.output("drbdsetup_status_verbose__after_up__node2"));

        var d = new DrbdWaiter(events(node, true), slowPolling(LONG, null)).await("r0", StateCondition.connected());

        assertThat(d.peer().orElseThrow().connection()).isEqualTo("Connected");
        assertThat(host.commands()).containsExactly("drbdsetup events2", STATUS);
    }

    @Test
    void aNodeThatCannotStreamIsPolled() {
        Node plain = new Node() {
            @Override
            public String name() {
                return node.name();
            }

            @Override
            public dev.duet.transport.CommandResult run(dev.duet.transport.Command command) {
                return node.run(command);
            }

            @Override
            public java.util.Optional<byte[]> readFile(String path) {
                return node.readFile(path);
            }

            @Override
            public void writeFile(String path, byte[] content, String mode, String owner) {
                node.writeFile(path, content, mode, owner);
            }
        };
        host.on(STATUS, 0, Captures.output("drbdsetup_status_verbose__after_up__node2"));

        var d = new DrbdWaiter(events(plain, true), slowPolling(LONG, null)).await("r0", StateCondition.connected());

        assertThat(d.peer().orElseThrow().connection()).isEqualTo("Connected");
        assertThat(host.commands()).containsExactly(STATUS);
    }

    @Test
    void checkModeMayFollowEvents() {
        var remote = new FakeStream(streamedUntil("connection:Connected"));
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        Node guarded = new ReadOnlyGuard(node, true);

        var d = new DrbdWaiter(events(guarded, true), slowPolling(LONG, null)).await("r0", StateCondition.connected());

        assertThat(d.peer().orElseThrow().connection()).isEqualTo("Connected");
        assertThat(host.commands()).containsExactly("drbdsetup events2");
    }
}
