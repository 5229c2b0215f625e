package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.FakeStream;
import dev.duet.transport.Command;
import dev.duet.transport.LineStream;
import dev.duet.transport.ReadOnlyGuard;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SshNodeStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    @Test
    void deliversLinesAsTheyArriveAndClosingHangsUpTheRemoteCommand() throws Exception {
        var remote = new FakeStream("exists resource name:r0 role:Secondary", "exists -");
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        List<String> lines = new CopyOnWriteArrayList<>();

        LineStream stream = node.stream(Command.probe("drbdsetup", "events2", "r0"), lines::add).orElseThrow();

        await().atMost(WAIT).until(() -> lines.size() == 2);
        assertThat(lines).containsExactly("exists resource name:r0 role:Secondary", "exists -");
        remote.emit("change resource name:r0 role:Primary");
        await().atMost(WAIT).until(() -> lines.size() == 3);
        assertThat(lines.get(2)).isEqualTo("change resource name:r0 role:Primary");
        assertThat(stream.isOpen()).isTrue();

        stream.close();

        assertThat(stream.isOpen()).isFalse();
        assertThat(remote.awaitClosedByClient(WAIT)).as("remote command hung up").isTrue();
        assertThat(host.commands()).containsExactly("drbdsetup events2 r0");
    }

    @Test
    void aCommandThatEndsClosesTheStreamAndSaysWhy() throws Exception {
        var remote = new FakeStream("drbdsetup: unknown command 'events2'");
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        List<String> lines = new CopyOnWriteArrayList<>();

        LineStream stream = node.stream(Command.probe("drbdsetup", "events2", "r0"), lines::add).orElseThrow();
        remote.end(20);

        await().atMost(WAIT).until(() -> !stream.isOpen());
        assertThat(lines).containsExactly("drbdsetup: unknown command 'events2'");
        assertThat(stream.endReason()).contains("exit code 20");
        stream.close();
    }

    @Test
    void theConnectionStaysUsableForCommandsWhileAStreamIsOpen() throws Exception {
        var remote = new FakeStream();
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        host.on("drbdsetup status", 0, "r0 role:Secondary\n");

        try (LineStream stream = node.stream(Command.probe("drbdsetup", "events2", "r0"), l -> { }).orElseThrow()) {
            assertThat(remote.awaitStarted(WAIT)).isTrue();
            assertThat(node.run(Command.probe("drbdsetup", "status", "r0")).stdout()).isEqualTo("r0 role:Secondary\n");
            assertThat(stream.isOpen()).isTrue();
        }
    }

    @Test
    void onlyReadOnlyCommandsMayStreamAndCheckModeSaysSo() {
        var guarded = new ReadOnlyGuard(node, true);

        assertThatThrownBy(() -> guarded.stream(Command.change("drbdadm", "up", "r0"), l -> { }))
                .isInstanceOfSatisfying(DuetException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION))
                .hasMessageContaining("node1").hasMessageContaining("drbdadm up r0");
        assertThatThrownBy(() -> node.stream(Command.change("drbdadm", "up", "r0"), l -> { }))
                .isInstanceOfSatisfying(DuetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void checkModeForwardsReadOnlyStreams() throws Exception {
        var remote = new FakeStream("exists -");
        host.on("drbdsetup events2", r -> FakeReply.stream(remote));
        List<String> lines = new CopyOnWriteArrayList<>();

        try (LineStream s = new ReadOnlyGuard(node, true)
                .stream(Command.probe("drbdsetup", "events2", "r0"), lines::add).orElseThrow()) {
            await().atMost(WAIT).until(() -> lines.contains("exists -"));
        }
    }
}
