package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.testing.TestContext;
import dev.duet.testing.ScriptedNode;
import dev.duet.transport.DroppedDuringChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActAfterDropTest {
    private final List<String> trace = new ArrayList<>();
    private final StepContext ctx = TestContext.pair("node1", false, new ScriptedNode("node1"));

    /** A step whose act drops the connection {@code drops} times, and whose check says {@code checks} in turn. */
    private Step step(int drops, Check... checks) {
        return new Step() {
            int acts;
            int check;

            @Override
            public Check check(StepContext c) {
                trace.add("check");
                return checks[Math.min(check++, checks.length - 1)];
            }

            @Override
            public Done act(StepContext c, Check decided) {
                trace.add("act");
                if (acts++ < drops) {
                    throw new DroppedDuringChange("node1", "127.0.0.1:22", "`mkfs.ocfs2 /dev/drbd0`", null);
                }
                return Done.changed("created OCFS2 on /dev/drbd0");
            }
        };
    }

    @Test
    void withoutADropTheActHalfRunsOnce() {
        Done done = ActAfterDrop.act(step(0), ctx, Check.change("would"));
        assertThat(done).isEqualTo(Done.changed("created OCFS2 on /dev/drbd0"));
        assertThat(trace).containsExactly("act");
    }

    @Test
    void afterADropTheCheckDecidesAndNothingIsActedWhenItIsDone() {
        Done done = ActAfterDrop.act(step(1, Check.ok("/dev/drbd0 already OCFS2")), ctx, Check.change("would"));
        assertThat(trace).containsExactly("act", "check");
        assertThat(done.changed()).isTrue();
        assertThat(done.message()).contains("dropped mid-act", "mkfs.ocfs2 /dev/drbd0", "already OCFS2");
    }

    @Test
    void afterADropTheActHalfRunsAgainOnlyWhenTheCheckStillSaysSo() {
        Done done = ActAfterDrop.act(step(1, Check.change("would create")), ctx, Check.change("would"));
        assertThat(trace).containsExactly("act", "check", "act");
        assertThat(done.message()).contains("dropped mid-act", "created OCFS2 on /dev/drbd0");
    }

    @Test
    void aSecondDropFailsTheHostAsUnreachable() {
        assertThatThrownBy(() -> ActAfterDrop.act(step(2, Check.change("would create")), ctx, Check.change("would")))
                .isInstanceOf(DuetException.class).hasMessageContaining("dropped again")
                .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.UNREACHABLE));
        assertThat(trace).containsExactly("act", "check", "act");
    }
}
