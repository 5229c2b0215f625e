package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.testing.TestContext;
import dev.duet.testing.ScriptedNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DrbdResourceFencingTest {
    private final DrbdResourceModule module = new DrbdResourceModule(Fixtures.env());

    private static ScriptedNode fresh(String name) {
        return Fixtures.node(name, null).on("stat -c", 0, "644 root:root\n");
    }

    @Test
    void fencingOnThe84KernelGetsThe84CrmHandlersAndASecondRunIsOk() {
        var a = DrbdResourceStepTest.args();
        a.put("fencing", "resource-and-stonith");
        var n1 = fresh("node1");
        var ctx = TestContext.pair("node1", false, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", a, null));
        step.act(ctx, step.check(ctx));
        assertThat(n1.fileText("/etc/drbd.d/r0.res")).contains("fencing resource-and-stonith;",
                "fence-peer \"/usr/lib/drbd/crm-fence-peer.sh\";",
                "after-resync-target \"/usr/lib/drbd/crm-unfence-peer.sh\";");
        Check again = module.bind(new Args("drbd_resource", a, null)).check(TestContext.pair("node1", false, n1,
                fresh("node2")));
        assertThat(again.kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void anUnknownPolicyIsBadInputAtLoad() {
        var a = DrbdResourceStepTest.args();
        a.put("fencing", "stonith-please");
        assertThatThrownBy(() -> module.validate(a, new Args.Location(Path.of("p.yml"), 21, 9)))
                .isInstanceOf(InputException.class)
                .hasMessage("p.yml:21:9: drbd_resource: argument 'fencing' must be one of resource-and-stonith,"
                        + " resource-only, dont-care, got 'stonith-please'");
    }
}
