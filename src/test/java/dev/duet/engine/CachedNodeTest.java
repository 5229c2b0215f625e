package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.ScriptedNode;
import dev.duet.transport.Command;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads remembered for check halves, never for act halves, and forgotten on any act anywhere in the run. */
class CachedNodeTest {
    private final AtomicInteger statusReads = new AtomicInteger();
    private final HostReads.Generation acts = new HostReads.Generation();

    private ScriptedNode host(String name) {
        return new ScriptedNode(name)
                .on("drbdsetup status", c -> ScriptedNode.result(c, 0, "read " + statusReads.incrementAndGet(), ""))
                .on("drbdadm connect", 0, "");
    }

    @Test
    void aCheckReadsOnceAndAnActOnAnyHostMakesEveryReadStale() {
        CachedNode node1 = new CachedNode(host("node1"), new HostReads(acts));
        CachedNode node2 = new CachedNode(host("node2"), new HostReads(acts));
        Command status = Command.probe("drbdsetup", "status", "r0");
        assertThat(node1.run(status).stdout()).isEqualTo("read 1");
        assertThat(node1.run(status).stdout()).as("remembered").isEqualTo("read 1");
        node2.fresh().run(Command.change("drbdadm", "connect", "r0"));
        assertThat(node1.run(status).stdout()).as("the peer acted: read again").isEqualTo("read 2");
        assertThat(node1.run(status).stdout()).isEqualTo("read 2");
    }

    @Test
    void theActViewAlwaysReadsTheHostAndRefreshesWhatChecksSee() {
        CachedNode node = new CachedNode(host("node1"), new HostReads(acts));
        Command status = Command.probe("drbdsetup", "status", "r0");
        assertThat(node.run(status).stdout()).isEqualTo("read 1");
        assertThat(node.fresh().run(status).stdout()).as("an act re-reads").isEqualTo("read 2");
        assertThat(node.fresh().run(status).stdout()).isEqualTo("read 3");
        assertThat(node.run(status).stdout()).as("checks see the newest read").isEqualTo("read 3");
    }

    @Test
    void whatAnActHalfReadsOrWaitsForIsStaleAfterIt() {
        CachedNode node1 = new CachedNode(host("node1"), new HostReads(acts));
        CachedNode node2 = new CachedNode(host("node2"), new HostReads(acts));
        Command status = Command.probe("drbdsetup", "status", "r0");
        assertThat(node2.run(status).stdout()).isEqualTo("read 1");
        // node1's act connects, then reads its peer (still Connecting)
        CachedNode.acting(node1, () -> {
            node1.fresh().run(Command.change("drbdadm", "connect", "r0"));
            return node2.fresh().run(status);
        });
        assertThat(node2.run(status).stdout()).as("what the act read while the pair moved is not remembered")
                .isEqualTo("read 3");
        // node2's act half only waits, reading until the state has moved (Connected)
        assertThat(CachedNode.acting(node2, () -> node2.fresh().run(status)).stdout()).isEqualTo("read 4");
        assertThat(node2.run(status).stdout()).as("after a wait the next check reads the host again")
                .isEqualTo("read 5");
        assertThat(node2.run(status).stdout()).as("then remembered again").isEqualTo("read 5");
    }

    @Test
    void aFailedReadIsNeverRememberedSoAPollReachesTheHost() {
        AtomicInteger asks = new AtomicInteger();
        ScriptedNode raw = new ScriptedNode("node1").on("cibadmin", c -> asks.incrementAndGet() < 3
                ? ScriptedNode.result(c, 102, "", "Could not connect to the CIB: Transport endpoint is not connected")
                : ScriptedNode.result(c, 0, "<configuration/>", ""));
        CachedNode node = new CachedNode(raw, new HostReads(acts));
        Command query = Command.probe("cibadmin", "--query", "--scope", "configuration");
        assertThat(node.run(query).exitCode()).isEqualTo(102);
        assertThat(node.run(query).exitCode()).as("asked again: the host, not the failure").isEqualTo(102);
        assertThat(node.run(query).stdout()).isEqualTo("<configuration/>");
        assertThat(node.run(query).stdout()).as("an answer is remembered").isEqualTo("<configuration/>");
        assertThat(asks).hasValue(3);
    }

    @Test
    void filesAreRememberedUntilAWrite() {
        ScriptedNode raw = new ScriptedNode("node1").file("/etc/x", "one").on("stat -c", 0, "644 root:root\n");
        CachedNode node = new CachedNode(raw, new HostReads(acts));
        assertThat(node.probeFile("/etc/x").content()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("one"));
        raw.file("/etc/x", "changed behind our back");
        assertThat(node.readFile("/etc/x")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("one"));
        node.fresh().writeFile("/etc/y", "y".getBytes(), "0644", null);
        assertThat(node.readFile("/etc/x")).hasValueSatisfying(b -> assertThat(new String(b))
                .isEqualTo("changed behind our back"));
    }

    /** The batch answers only once a file probe has reached the host, or gives up after 10 s. */
    private static final class FilesDuringBatch implements dev.duet.transport.Node {
        private final ScriptedNode host;
        private final java.util.concurrent.CountDownLatch fileProbed = new java.util.concurrent.CountDownLatch(1);
        private final String failFile;

        FilesDuringBatch(ScriptedNode host, String failFile) {
            this.host = host;
            this.failFile = failFile;
        }

        @Override
        public String name() {
            return host.name();
        }

        @Override
        public dev.duet.transport.CommandResult run(Command command) {
            return runAll(java.util.List.of(command)).get(0);
        }

        @Override
        public java.util.List<dev.duet.transport.CommandResult> runAll(java.util.List<Command> commands) {
            try {
                boolean overlapped = fileProbed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                return commands.stream().map(c -> ScriptedNode.result(c, 0, overlapped ? "overlapped" : "alone", "")).toList();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public dev.duet.transport.FileProbe probeFile(String path) {
            fileProbed.countDown();
            if (path.equals(failFile)) {
                throw new dev.duet.error.DuetException(dev.duet.error.Reason.COMMAND_FAILED, "node1: sftp read " + path + " failed");
            }
            return host.probeFile(path);
        }

        @Override
        public java.util.Optional<byte[]> readFile(String path) {
            return probeFile(path).content();
        }

        @Override
        public void writeFile(String path, byte[] content, String mode, String owner) {
            throw new AssertionError("a read ahead wrote " + path);
        }
    }

    @Test
    void aReadAheadProbesItsFilesWhileTheBatchRunsAndRemembersBoth() {
        ScriptedNode raw = new ScriptedNode("node1").file("/etc/x", "one").file("/etc/y", "two");
        CachedNode node = new CachedNode(new FilesDuringBatch(raw, null), new HostReads(acts));
        Command status = Command.probe("drbdsetup", "status", "r0");
        Command version = Command.probe("drbdadm", "--version");
        node.readAhead(java.util.List.of(status, version), java.util.List.of("/etc/x", "/etc/y"));
        assertThat(node.remembered(status)).hasValueSatisfying(r -> assertThat(r.stdout())
                .as("a file probe reached the host while the batch was under way").isEqualTo("overlapped"));
        assertThat(node.remembered(version)).isPresent();
        assertThat(node.rememberedProbe("/etc/x")).isPresent();
        assertThat(node.rememberedProbe("/etc/y")).isPresent();
    }

    @Test
    void aFileProbeThatFailsBesideTheBatchFailsTheReadAheadAfterTheBatchEnds() {
        ScriptedNode raw = new ScriptedNode("node1").file("/etc/y", "two");
        CachedNode node = new CachedNode(new FilesDuringBatch(raw, "/etc/x"), new HostReads(acts));
        Command status = Command.probe("drbdsetup", "status", "r0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.readAhead(java.util.List.of(status),
                        java.util.List.of("/etc/x", "/etc/y")))
                .isInstanceOf(dev.duet.error.DuetException.class).hasMessageContaining("sftp read /etc/x failed");
        assertThat(node.remembered(status)).as("the batch's answers stay: each is as good as a check's own read")
                .isPresent();
        assertThat(node.rememberedProbe("/etc/y")).as("the files after the failed one were not read").isEmpty();
    }

    @Test
    void whatWasReadAheadAndNeverAskedIsKnownAtTheEnd() {
        HostReads reads = new HostReads(acts);
        CachedNode node = new CachedNode(host("node1").file("/etc/x", "x").on("stat -c", 0, "644 root:root\n"), reads);
        Command status = Command.probe("drbdsetup", "status", "r0");
        Command unused = Command.probe("drbdsetup", "status", "r9");
        node.readAhead(java.util.List.of(status, unused), java.util.List.of("/etc/x"));
        node.run(status);
        assertThat(reads.unasked()).containsExactly("probe /etc/x", "run 300000 drbdsetup status r9");
        node.readFile("/etc/x");
        assertThat(reads.unasked()).containsExactly("run 300000 drbdsetup status r9");
    }
}
