package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdWaitStepTest {
    private final DrbdWaitModule module = new DrbdWaitModule(Fixtures.env());

    @Test
    void checkModeSkipsWithWouldWaitOrOkWhenHolding() {
        var step = module.bind(new Args("drbd_wait", Map.of("resource", "r0", "disk", "UpToDate",
                "peer_disk", "UpToDate"), null));
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1");
        Check c = step.check(TestContext.pair("node1", true, n1, Fixtures.node("node2",
                "drbdsetup_status_verbose__after_up__node2")));
        assertThat(c.kind()).isEqualTo(Check.Kind.SKIP);
        assertThat(c.message()).contains("would wait for r0 disk=UpToDate peer_disk=UpToDate");
        var synced = Fixtures.node("node1", "drbdsetup_status_verbose__dual_primary__node1");
        assertThat(step.check(TestContext.pair("node1", true, synced)).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void timesOutNamingWhatWasAwaited() {
        var step = module.bind(new Args("drbd_wait", Map.of("resource", "r0", "role", "Primary", "timeout", "300ms"), null));
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1");
        var ctx = TestContext.pair("node1", false, n1);
        Check c = step.check(ctx);
        assertThatThrownBy(() -> step.act(ctx, c)).hasMessageContaining("node1")
                .hasMessageContaining("role=Primary").hasMessageContaining("last state seen: role=Secondary");
    }
}
