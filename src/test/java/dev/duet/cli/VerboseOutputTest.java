package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** -v shows result values and times, -vv each remote command, -vvv its output; a no_log task's commands never. */
class VerboseOutputTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("site.yml"), """
                - hosts: node1
                  gather_facts: false
                  tasks:
                    - name: Read the release
                      command: cat /etc/release-file
                      register: release
                      changed_when: false
                    - name: Quiet
                      command: show-token
                      changed_when: false
                      no_log: true
                """);
        pair.node1.on("cat /etc/release-file", 0, "debian 12\n");
        pair.node1.on("show-token", 0, "tok-value-7\n");
    }

    CliRun duet(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("apply", "-i", pair.inventory(dir).toString()));
        args.addAll(List.of(flags));
        args.add(dir.resolve("site.yml").toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void eachLevelAddsItsDetailAndNoLogStaysHidden() {
        CliRun quiet = duet();
        CliRun v = duet("-v");
        CliRun vv = duet("-vv");
        CliRun vvv = duet("-vvv");

        for (CliRun run : List.of(quiet, v, vv, vvv)) {
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).doesNotContain("tok-value-7", "show-token");
        }
        assertThat(quiet.out()).doesNotContain("took ", "<node1>");
        assertThat(v.out()).containsPattern("    took \\d+\\.\\d\\ds \\(remote \\d+\\.\\d\\ds\\) => \\{.*\"rc\":0.*\"stdout\":\"debian 12\"")
                .doesNotContain("<node1>");
        assertThat(vv.out()).contains("<node1> cat /etc/release-file => rc=0").doesNotContain("stdout: debian 12");
        assertThat(vvv.out()).contains("<node1> cat /etc/release-file => rc=0", "<node1>   stdout: debian 12");
    }
}
