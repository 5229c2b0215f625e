package dev.duet.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.engine.EngineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At -vv the commands of the read ahead appear under a heading of their own, not under the task before. */
class HumanRendererReadAheadTest {
    private static String render(int verbosity) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HumanRenderer r = new HumanRenderer(out, false, new ProgressRenderer(out, false), verbosity);
        r.on(new EngineEvent.ReadingAhead(List.of("node1", "node2")));
        r.on(new EngineEvent.CommandRan("node1", "sh -c 'batch'", 0, "", "", Duration.ofMillis(20)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHeadingAtVeryVerboseOnly() {
        assertThat(render(2)).startsWith("\nREAD AHEAD [checks of the tasks to come] [node1, node2] ***")
                .contains("<node1> sh -c 'batch' => rc=0");
        assertThat(render(1)).isEmpty();
        assertThat(render(0)).isEmpty();
    }
}
