package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.playbook.PlaybookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `filesystem` formats the replicated DRBD device: on two Primaries at once both would probe "blank" and
 * both run mkfs. A task without run_once or run_on is refused when the playbook loads.
 */
class FilesystemOnOneNodeTest {
    private static final String PLAYBOOK = """
            - name: Pair
              hosts: pair
              tasks:
                - name: Create the OCFS2 filesystem
                  filesystem:
                    dev: /dev/drbd0
                    label: data
            %s
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @Test
    void withoutRunOnceOrRunOnItIsRefusedBeforeAnyHostIsContacted() throws Exception {
        Path inv = pair.inventory(dir);
        Path pb = Files.writeString(dir.resolve("site.yml"), PLAYBOOK.formatted(""));
        int before = pair.node1.sessions() + pair.node2.sessions();

        for (String verb : new String[] {"plan", "apply"}) {
            CliRun run = CliRun.of(verb, "-i", inv.toString(), pb.toString());

            assertThat(run.exit()).as(run.toString()).isEqualTo(4);
            assertThat(run.out() + run.err()).contains(pb + ":5:").contains("run_once").contains("run_on")
                    .doesNotContain("Exception");
        }
        assertThat(pair.node1.sessions() + pair.node2.sessions()).as("no host contacted").isEqualTo(before);
    }

    @Test
    void withRunOnceOrRunOnItLoads() throws Exception {
        for (String keyword : new String[] {"      run_once: true", "      run_on: node1", "      run_on: \"{{ x }}\""}) {
            Path pb = Files.writeString(dir.resolve("ok.yml"), PLAYBOOK.formatted(keyword));
            assertThat(new PlaybookLoader(Wiring.registry()).load(pb).plays().get(0).tasks()).hasSize(1);
        }
    }
}
