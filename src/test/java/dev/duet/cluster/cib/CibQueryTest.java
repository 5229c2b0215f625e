package dev.duet.cluster.cib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pacemaker just started answers "not connected" for a while (the lab: exit 102): that is waited out, bounded. */
class CibQueryTest {
    private static final String NOT_CONNECTED = "Could not connect to the CIB: Transport endpoint is not connected";

    private static ScriptedNode startingFor(int refusals, String unit) {
        FakeCib cib = new FakeCib(CibXml.parse("<configuration><crm_config/><nodes/><resources/><constraints/></configuration>"));
        AtomicInteger queries = new AtomicInteger();
        ScriptedNode node = cib.install(new ScriptedNode("node1"));
        node.on("cibadmin --query --scope configuration", c -> queries.incrementAndGet() <= refusals
                ? ScriptedNode.result(c, 102, "", NOT_CONNECTED)
                : ScriptedNode.result(c, 0, cib.configuration.xml(), ""));
        node.on("systemctl is-active pacemaker", 0, unit + "\n");
        return node;
    }

    @Test
    void aCibNotAnsweringYetWhilePacemakerStartsIsWaitedForThenWritten() {
        ScriptedNode node = startingFor(2, "active");
        CibStep step = new CibStep(CibYamlFixture.spec(), new CibQuery(Duration.ofSeconds(20)));
        TestContext ctx = TestContext.of(node);

        Check c = ctx.run(step);

        assertThat(c.needsChange()).isTrue();
        assertThat(ctx.done().changed()).isTrue();
        assertThat(node.mutatingCommands()).singleElement().satisfies(cmd -> assertThat(cmd.line())
                .startsWith("cibadmin --modify"));
    }

    @Test
    void pacemakerNotRunningFailsAtOnceSayingSo() {
        ScriptedNode node = startingFor(1000, "inactive");
        CibStep step = new CibStep(CibYamlFixture.spec(), new CibQuery(Duration.ofMinutes(5)));
        long t0 = System.nanoTime();

        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(step));

        assertThat(e.reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(e.getMessage()).contains("cannot read the CIB", "exited 102", "Pacemaker must be running");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void aCibThatNeverAnswersIsATimeoutNamingTheLastAnswer() {
        ScriptedNode node = startingFor(1000, "active");
        CibStep step = new CibStep(CibYamlFixture.spec(), new CibQuery(Duration.ofSeconds(5)));

        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(step));

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer within 5 s", NOT_CONNECTED);
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void planDoesNotWaitForAPacemakerItNeverStarted() {
        ScriptedNode node = startingFor(1000, "active");
        Check c = TestContext.plan(node).run(new CibStep(CibYamlFixture.spec(), new CibQuery(Duration.ofMinutes(5))));
        assertThat(c.message()).contains("the CIB cannot be read yet");
        assertThat(node.mutatingCommands()).isEmpty();
    }
}
