package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.Captures;
import dev.duet.testing.TestContext;
import dev.duet.testing.ScriptedNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A split brain in which neither node wrote: node2 reconnects as sync target, node1 connects and waits
 * for Connected. When node2's reconnect fails, node1 stops waiting at once with node2's reason instead of
 * waiting out its Connected timeout.
 */
class ReconnectFailFastTest {
    private static final String PROC_STANDALONE = Captures.output("proc_drbd__disconnected_standalone__node2");
    private static final String WAIT = "30s";

    private static ScriptedNode split(String name) {
        return SplitPair.standAlone(name, "Primary", true).on("cat /proc/drbd", 0,
                PROC_STANDALONE.replace("ro:Secondary/", "ro:Primary/"));
    }

    @Test
    void theSurvivorFailsFastWhenTheSyncTargetsReconnectFails() throws Exception {
        var n1 = split("node1");
        var n2 = split("node2");
        String connecting = Captures.output("drbdsetup_status_verbose__disconnected_peer_wfconnection__node1")
                .replace("role:Secondary", "role:Primary");
        n1.on("drbdadm connect r0", c -> {
            n1.on(Fixtures.STATUS, 0, connecting).on("drbdadm cstate r0", 0, "WFConnection\n");
            return ScriptedNode.result(c, 0, "", "");
        });
        n2.on("drbdadm secondary r0", 0, "")
                .on("drbdadm connect --discard-my-data r0", 10, "", "r0: Failure: (125) Device has a net-config (use disconnect first)\n");
        DrbdUpModule module = new DrbdUpModule(Fixtures.env());
        Step survivor = module.bind(new Args("drbd_up", Map.of("resource", "r0", "timeout", WAIT), null));
        Step target = module.bind(new Args("drbd_up", Map.of("resource", "r0", "timeout", WAIT), null));
        var ctx1 = TestContext.pair("node1", false, n1, n2);
        var ctx2 = TestContext.pair("node2", false, n1, n2);
        Check c1 = survivor.check(ctx1);
        Check c2 = target.check(ctx2);
        assertThat(c1.message()).contains("node2 reconnects as sync target");
        assertThat(c2.message()).contains("would reconnect r0 as sync target");

        long start = System.nanoTime();
        var waiting = CompletableFuture.runAsync(() -> survivor.act(ctx1, c1));
        assertThatThrownBy(() -> target.act(ctx2, c2)).hasMessageContaining("net-config");

        assertThatThrownBy(() -> waiting.get(Duration.parse("PT" + WAIT).toSeconds() + 10, TimeUnit.SECONDS))
                .cause().isInstanceOf(DuetException.class)
                .hasMessageContaining("node1").hasMessageContaining("node2")
                .hasMessageContaining("net-config")
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed fast, not after the timeout")
                .isLessThan(Duration.ofSeconds(10));
    }
}
