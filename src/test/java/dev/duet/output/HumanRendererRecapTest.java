package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.EngineEvent;
import dev.duet.engine.Recap;
import dev.duet.engine.Status;
import dev.duet.engine.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recap as Ansible's default callback prints it without colour (v2_playbook_on_stats): banner of
 * 80 columns, hosts sorted, {@code %-26s : } then {@code name=%-4s} fields, ok counting changed tasks.
 */
class HumanRendererRecapTest {
    private static StepResult result(String host, Status status) {
        return new StepResult(host, "t", status, null, null, Duration.ZERO, Duration.ZERO, null);
    }

    private static String render(Recap recap) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new HumanRenderer(out, false, new ProgressRenderer(out, false)).on(new EngineEvent.RunFinished(recap, List.of()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recapLinesAreAnsiblesByteForByte() {
        Recap recap = new Recap();
        recap.host("node2");
        recap.host("node1");
        for (Status s : List.of(Status.OK, Status.CHANGED, Status.SKIPPED)) {
            recap.record(result("node1", s));
        }
        recap.record(result("node2", Status.OK));
        recap.record(result("node2", Status.FAILED));
        assertThat(render(recap)).isEqualTo("\n"
                + "PLAY RECAP *********************************************************************\n"
                + "node1                      : ok=2    changed=1    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   \n"
                + "node2                      : ok=1    changed=0    unreachable=0    failed=1    skipped=0    rescued=0    ignored=0   \n"
                + "\n");
    }

    @Test
    void checkModeCountsTheSameWay() {
        // in check mode a task that would change reports changed, and Ansible's ok counts it as well
        Recap recap = new Recap();
        recap.record(result("n", Status.OK));
        recap.record(result("n", Status.CHANGED));
        recap.record(result("n", Status.CHANGED));
        assertThat(Recap.line("n", recap.hosts().get("n"))).startsWith("n                          : ok=3    changed=2    unreachable=0 ");
    }
}
