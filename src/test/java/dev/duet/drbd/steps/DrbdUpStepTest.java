package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DrbdUpStepTest {
    private final dev.duet.step.Step step = new DrbdUpModule(Fixtures.env())
            .bind(new Args("drbd_up", Map.of("resource", "r0"), null));

    @Test
    void bringsUpAndWaitsForConnected() {
        var up = new AtomicBoolean();
        var n1 = Fixtures.node("node1", null);
        n1.on(Fixtures.STATUS, c -> up.get()
                ? ScriptedNode.result(c, 0, Captures.output("drbdsetup_status_verbose__after_up__node1"), "")
                : ScriptedNode.result(c, 10, "", "r0: No such resource"));
        n1.on("drbdadm up r0", c -> {
            up.set(true);
            return ScriptedNode.result(c, 0, "", "");
        });
        var ctx = TestContext.pair("node1", false, n1);
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(step.act(ctx, c)).isEqualTo(Done.changed("ran `drbdadm up r0`; now role=Secondary "
                + "disk=Inconsistent connection=Connected replication=Established peer_role=Secondary peer_disk=Inconsistent"));
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm up r0");
    }

    @Test
    void upIsOkAndCheckModeNeverMutates() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1");
        assertThat(step.check(TestContext.pair("node1", true, n1)).kind()).isEqualTo(Check.Kind.OK);
        var down = Fixtures.node("node1", null);
        assertThat(step.check(TestContext.pair("node1", true, down)).message()).contains("would run `drbdadm up r0`");
        assertThat(down.mutatingCommands()).isEmpty();
    }
}
