package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.ConnectedFakeHost;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dropped connection: read-only probes are retried once on a new connection; a command that changes
 * the host is never sent again by the transport (it may have run: only the step's check can tell).
 */
class SshNodeDropTest {
    @RegisterExtension
    final ConnectedFakeHost ssh = new ConnectedFakeHost("node1");
    private final FakeSshHost host = ssh.host;
    private final SshNode node = ssh.node;

    @Test
    void aMutatingCommandIsNotReplayedAfterADrop() {
        host.on("touch", 0, "");
        host.on("true", 0, "");
        host.dropConnectionOn(line -> line.startsWith("touch"));

        assertThatThrownBy(() -> node.run(Command.change("touch", "/var/lib/duet/done")))
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("node1").hasMessageContaining("touch /var/lib/duet/done")
                .hasMessageContaining("not sent again");
        assertThat(host.commandsStartingWith("touch")).hasSize(1);
        assertThat(node.run(Command.probe("true")).ok()).as("reconnected for what comes next").isTrue();
    }

    @Test
    void aCommandThatRanBeforeTheDropIsNotReplayedEither() {
        AtomicInteger ran = new AtomicInteger();
        host.on("mkfs.ocfs2", r -> {
            ran.incrementAndGet();
            return FakeReply.ok();
        });
        host.dropConnectionAfterRunning(line -> line.startsWith("mkfs.ocfs2"));

        assertThatThrownBy(() -> node.run(Command.change("mkfs.ocfs2", "-N", "2", "/dev/drbd0")))
                .isInstanceOf(DuetException.class).hasMessageContaining("mkfs.ocfs2 -N 2 /dev/drbd0");
        assertThat(ran).hasValue(1);
    }

    @Test
    void aDroppedWriteIsNotReplayed() {
        // rm as a Linux host runs it, on the fake host's file root
        host.on("rm -f -- ", r -> {
            r.argv().subList(3, r.argv().size()).forEach(p -> host.path(p).toFile().delete());
            return FakeReply.ok();
        });
        host.dropConnectionOn(line -> line.startsWith("chown"));

        assertThatThrownBy(() -> node.writeFile("/etc/duet/motd", "hi\n".getBytes(StandardCharsets.UTF_8), "0644",
                "root")).isInstanceOf(DuetException.class).hasMessageContaining("/etc/duet/motd");
        assertThat(host.commandsStartingWith("chown")).hasSize(1);
        assertThat(host.commandsStartingWith("rm -f -- /etc/duet/.duet-tmp-")).hasSize(1);
        assertThat(host.list("/etc/duet")).as("the cut-short write's temp file (it may hold a secret) is gone")
                .noneMatch(name -> name.startsWith(".duet-tmp-"));
    }

    @Test
    void aReadOnlyProbeIsStillRetriedOnce() {
        host.on("cat /proc/drbd", 0, "version: 8.4.11\n");
        host.dropConnectionOn(line -> line.startsWith("cat"));

        CommandResult r = node.run(Command.probe("cat", "/proc/drbd"));

        assertThat(r.stdout()).isEqualTo("version: 8.4.11\n");
        assertThat(host.commandsStartingWith("cat")).hasSize(2);
    }

    /**
     * The two per-host threads both use this node (one reads its peer's state) and both see one drop: the
     * second to notice must use the connection the first made, not replace it under the first one's retry.
     */
    @Test
    void twoThreadsSeeingOneDropMakeOneReconnect() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        host.on("drbdsetup status", r -> {
            if (calls.incrementAndGet() <= 2) {
                bothRunning.countDown();
                return FakeReply.hang();
            }
            try {
                // A retry that takes a while: long enough for a second reconnect to cut it under the old code.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeReply.ok("r0 role:Primary\n");
        });
        host.on("drop-now", 0, "");
        host.dropConnectionOn(line -> line.startsWith("drop-now"));
        int sessionsBefore = host.sessions();

        var first = CompletableFuture.supplyAsync(() -> node.run(Command.probe("drbdsetup", "status", "r0")));
        var second = CompletableFuture.supplyAsync(() -> node.run(Command.probe("drbdsetup", "status", "r0")));
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        node.run(Command.probe("drop-now"));

        assertThat(first.get(20, TimeUnit.SECONDS).stdout()).isEqualTo("r0 role:Primary\n");
        assertThat(second.get(20, TimeUnit.SECONDS).stdout()).isEqualTo("r0 role:Primary\n");
        assertThat(host.sessions() - sessionsBefore).as("one new connection for one drop").isEqualTo(1);
    }
}
