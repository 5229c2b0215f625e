package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.testing.Captures;
import dev.duet.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdPrimaryStepTest {
    private final DrbdPrimaryModule module = new DrbdPrimaryModule(Fixtures.env());
    private final dev.duet.step.Step step = module.bind(new Args("drbd_primary", Map.of("resource", "r0"), null));

    @Test
    void promotesTheSecondNodeWhenTwoPrimariesAreAllowed() {
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__after_sync_primary_secondary__node2")
                .on("drbdsetup show r0", 0, "resource r0 {\n    net {\n        allow-two-primaries yes;\n    }\n}\n")
                .on("drbdadm primary r0", 0, "");
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_sync_primary_secondary__node1");
        var ctx = TestContext.pair("node2", false, n1, n2);
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(step.act(ctx, c)).isEqualTo(Done.changed("promoted r0 on node2 (`drbdadm primary r0`)"));
        assertThat(n2.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm primary r0");
    }

    @Test
    void refusesSecondPrimaryWithoutAllowTwoPrimaries() {
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__after_sync_primary_secondary__node2")
                .on("drbdsetup show r0", 0, "resource r0 {\n    net {\n        after-sb-0pri discard-zero-changes;\n    }\n}\n");
        var ctx = TestContext.pair("node2", false,
                Fixtures.node("node1", "drbdsetup_status_verbose__after_sync_primary_secondary__node1"), n2);
        assertThatThrownBy(() -> step.check(ctx)).isInstanceOf(DuetException.class)
                .hasMessageContaining("allow-two-primaries").hasMessageContaining("peer_role=Primary")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void allowTwoPrimariesFallsBackToTheConfigDump() {
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__after_sync_primary_secondary__node2")
                .on("drbdsetup show r0", 10, "")
                .on("drbdadm dump r0", 0, Captures.output("drbdadm_dump__dual_primary__node1"));
        var ctx = TestContext.pair("node2", true,
                Fixtures.node("node1", "drbdsetup_status_verbose__after_sync_primary_secondary__node1"), n2);
        assertThat(step.check(ctx).needsChange()).isTrue();
    }

    @Test
    void alreadyPrimaryIsOk() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__dual_primary__node1");
        Check c = step.check(TestContext.pair("node1", false, n1));
        assertThat(c.kind()).isEqualTo(Check.Kind.OK);
        assertThat(n1.mutatingCommands()).isEmpty();
    }

    @Test
    void refusesWhileDisconnected() {
        var n2 = Fixtures.node("node2", "drbdsetup_status_verbose__disconnected_standalone__node2")
                .on("drbdadm cstate r0", 0, "WFConnection\n");
        assertThatThrownBy(() -> step.check(TestContext.pair("node2", false, n2)))
                .hasMessageContaining("not Connected").hasMessageContaining("Connecting");
    }
}
