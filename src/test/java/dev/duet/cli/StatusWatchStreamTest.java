package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.testing.Captures;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.FakeStream;
import dev.duet.transport.ssh.SshNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code status --watch} following scripted {@code drbdsetup events2 --statistics} streams on two embedded
 * SSH hosts that answer the lab's DRBD 8.4.11 captures. Waits are on output, never on elapsed time.
 */
class StatusWatchStreamTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    /** An interval no test outlives: after the first, nothing is polled. */
    private static final Duration NEVER = Duration.ofMinutes(10);
    private static final String STREAM = "drbdsetup events2 --statistics";
    private static final String PEER_DEVICE = "name:r0 peer-node-id:0 conn-name:peer volume:0";

    private final FakePair pair = new FakePair();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private StatusWatch watch;
    private CompletableFuture<Integer> running;

    @AfterEach
    void stop() throws Exception {
        if (watch != null) {
            watch.onShutdown().run();
            running.get(LONG.toSeconds(), TimeUnit.SECONDS);
        }
        pair.close();
    }

    /** Answers the stream of {@code h} with the lab's --now dump of {@code state}, followed by {@code more}. */
    private static FakeStream streams(FakeSshHost h, String state, String... more) {
        var s = new FakeStream(Captures.output("drbdsetup_events2_now__" + state + "__" + h.name()).lines()
                .toArray(String[]::new));
        s.emit(more);
        h.on(STREAM, r -> FakeReply.stream(s));
        return s;
    }

    private void start(Function<PairSnapshot, String> render, boolean decorate, Duration every, int rounds) {
        // Connected before the watch starts: the runs' time bound is for the watch, not for a cold JVM's
        // first SSH handshakes (on a starved machine those alone outlasted it, before any command ran).
        Map<String, SshNode> connected = new ConcurrentHashMap<>(Map.of("node1", pair.node1.connect(),
                "node2", pair.node2.connect()));
        var live = new LivePair(List.of(pair.node1.host(), pair.node2.host()), h -> {
            SshNode ready = connected.remove(h.name());
            return ready != null ? ready : (h.name().equals("node1") ? pair.node1 : pair.node2).connect();
        });
        watch = new StatusWatch(live, render, new PrintWriter(out, true), new PrintWriter(err, true), false, decorate);
        running = CompletableFuture.supplyAsync(() -> watch.run(every, rounds));
    }

    private int runToEnd(Duration every, int rounds) throws Exception {
        start(PairSnapshot::table, true, every, rounds);
        int exit = running.get(LONG.toSeconds(), TimeUnit.SECONDS);
        watch = null;
        return exit;
    }

    private List<String> draws() {
        return List.of(out.toString().split("(?m)^--- \\d\\d:\\d\\d:\\d\\d\n", -1)).stream().skip(1).toList();
    }

    private void awaitDraws(int n) {
        await().atMost(LONG).until(() -> draws().size() >= n);
    }

    @Test
    void aStreamedChangeRedrawsExactlyOnce() {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        FakeStream node2 = streams(pair.node2, "dual_primary");
        start(PairSnapshot::table, true, NEVER, 0);
        awaitDraws(1);

        node2.emit("change resource name:r0 role:Secondary");
        awaitDraws(2);
        node2.emit("change resource name:r0 role:Secondary",
                "call helper " + PEER_DEVICE + " minor:0 helper:before-resync-target",
                "change device name:r0 volume:0 minor:0 disk:Outdated");
        awaitDraws(3);

        assertThat(draws()).as(out.toString()).hasSize(3);
        assertThat(draws().get(0)).containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Primary/UpToDate");
        assertThat(draws().get(1)).containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Secondary/UpToDate");
        assertThat(draws().get(2)).containsPattern("(?m)^r0\\s+Primary/UpToDate\\s+Secondary/Outdated");
        assertThat(pair.node2.commandsStartingWith("drbdsetup events2 --now")).as("followed, not polled").hasSize(1);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void nothingChangedMeansOneDrawWhileMountsAreReReadEachInterval() throws Exception {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        streams(pair.node2, "dual_primary", "change resource name:r0 role:Primary",
                "response helper " + PEER_DEVICE + " minor:0 helper:after-resync-target status:0");

        int exit = runToEnd(Duration.ofSeconds(1), 3);

        assertThat(exit).isZero();
        assertThat(draws()).as(out.toString()).hasSize(1);
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commandsStartingWith("drbdsetup events2 --now")).as(h.name()).hasSize(1);
            assertThat(h.commandsStartingWith("cat /proc/self/mounts")).as(h.name()).hasSize(3);
            assertThat(h.commandsStartingWith(STREAM)).as(h.name()).hasSize(1);
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBrokenStreamFallsBackToPollingWithOneNotice() throws Exception {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        streams(pair.node2, "dual_primary").end(1);

        int exit = runToEnd(Duration.ofSeconds(1), 4);

        assertThat(exit).isZero();
        assertThat(err.toString().lines()).as(err.toString()).containsExactly("duet status: node2: `" + STREAM
                + "` stopped (ended with exit code 1); polling every 1s instead");
        assertThat(pair.node2.commandsStartingWith("drbdsetup events2 --now")).as("polled after the break")
                .hasSize(4);
        assertThat(pair.node1.commandsStartingWith("drbdsetup events2 --now")).as("still followed").hasSize(1);
        assertThat(pair.node2.commandsStartingWith(STREAM)).as("not restarted").hasSize(1);
    }

    @Test
    void nodesWithoutEvents2ArePolledAndNeverStreamed() throws Exception {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        pair.node2.on("drbdadm --version", 0, "DRBDADM_VERSION=8.9.2\nDRBD_KERNEL_VERSION_CODE=0x08040b\n");
        // drbd-utils 8.9.2's drbdsetup has no events2 command
        pair.node2.on("drbdsetup events2", 20, "", "drbdsetup: Unknown command 'events2'\n");
        pair.node2.on("drbdadm status", 0, "r0 role:Primary\n  disk:UpToDate\n  peer role:Primary\n"
                + "    replication:Established peer-disk:UpToDate\n\n");

        int exit = runToEnd(Duration.ofSeconds(1), 3);

        assertThat(exit).isZero();
        assertThat(pair.node2.commandsStartingWith(STREAM)).as("never streamed").isEmpty();
        assertThat(pair.node2.commandsStartingWith("drbdsetup events2 --now"))
                .as("asked once with the versions, before they said it has no events2").hasSize(1);
        assertThat(pair.node2.commandsStartingWith("drbdadm status")).hasSize(3);
        assertThat(err.toString()).as("not having events2 is no breakage").isEmpty();
    }

    @Test
    void shutdownHangsUpEveryStream() throws Exception {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        FakeStream node1 = streams(pair.node1, "dual_primary");
        FakeStream node2 = streams(pair.node2, "dual_primary");
        start(PairSnapshot::table, true, NEVER, 0);
        awaitDraws(1);

        watch.onShutdown().run();

        assertThat(running.get(LONG.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(node1.awaitClosedByClient(LONG)).isTrue();
        assertThat(node2.awaitClosedByClient(LONG)).isTrue();
        watch = null;
    }

    @Test
    void jsonPrintsOneContractObjectPerChange() throws Exception {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        FakeStream node2 = streams(pair.node2, "dual_primary");
        start(s -> s.json().toString(), false, NEVER, 0);
        await().atMost(LONG).until(() -> out.toString().lines().count() >= 1);

        node2.emit("change resource name:r0 role:Secondary");
        await().atMost(LONG).until(() -> out.toString().lines().count() >= 2);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        var mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        JsonNode second = mapper.readTree(lines.get(1));
        assertThat(first.at("/nodes/node2/devices/0/role").asText()).isEqualTo("Primary");
        assertThat(second.at("/nodes/node2/devices/0/role").asText()).isEqualTo("Secondary");
        assertThat(second.at("/nodes/node2/format").asText()).isEqualTo("events2");
        assertThat(second.at("/nodes/node2/source").asText()).isEqualTo("events2");
        assertThat(second.at("/nodes/node1/mounts/0").asText()).isEqualTo("/dev/drbd0 /srv/shared");
    }

    @Test
    void resyncProgressIsReadFromStatisticsWhileTheStreamSaysSyncing() {
        StatusLiveOverSshTest.labNode(pair.node1, "dual_primary", true);
        StatusLiveOverSshTest.labNode(pair.node2, "dual_primary", true);
        streams(pair.node1, "dual_primary");
        FakeStream node2 = streams(pair.node2, "dual_primary");
        // the shape of the lab's 8.4.11 `events2 --now --statistics`: counters, no done:
        pair.node2.on("drbdsetup events2 --now --statistics", 0, String.join("\n",
                "exists resource name:r0 role:Primary suspended:no write-ordering:flush",
                "exists connection name:r0 peer-node-id:0 connection:Connected role:Primary congested:no",
                "exists device name:r0 volume:0 minor:0 disk:Inconsistent size:262100 read:0 written:4096 "
                        + "al-writes:0 bm-writes:0 upper-pending:0 lower-pending:0 al-suspended:no blocked:no",
                "exists peer-device name:r0 peer-node-id:0 volume:0 replication:SyncTarget peer-disk:UpToDate "
                        + "resync-suspended:no received:4096 sent:0 out-of-sync:131050 pending:0 unacked:0",
                "exists -", ""));
        start(PairSnapshot::table, true, NEVER, 0);
        awaitDraws(1);

        node2.emit("change device name:r0 volume:0 minor:0 disk:Inconsistent",
                "change peer-device " + PEER_DEVICE + " replication:SyncTarget");

        await().atMost(LONG).until(() -> out.toString().contains("50.0% (node2 SyncTarget)"));
        assertThat(pair.node2.commandsStartingWith("drbdsetup events2 --now --statistics")).isNotEmpty();
        assertThat(pair.node1.commandsStartingWith("drbdsetup events2 --now --statistics"))
                .as("node1 does not resync").isEmpty();
    }
}
