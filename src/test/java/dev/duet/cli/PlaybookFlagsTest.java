package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible-playbook's flags as its users type them: the listing and syntax flags contact no host, --limit
 * narrows every play, --start-at-task skips what comes before, and each bad value is exit 4 before any
 * host is contacted.
 */
class PlaybookFlagsTest {
    static final String PLAYBOOK = """
            - name: First play
              hosts: pair
              gather_facts: false
              tasks:
                - name: Mark one
                  command: touch /var/lib/duet/one
                  args: {creates: /var/lib/duet/one}
                  tags: [marks]
                - name: Mark two
                  command: touch /var/lib/duet/two
                  args: {creates: /var/lib/duet/two}
            - name: Second play
              hosts: node2
              gather_facts: false
              tasks:
                - name: Mark three
                  command: touch /var/lib/duet/three
                  args: {creates: /var/lib/duet/three}
                  tags: [late, marks]
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("site.yml"), PLAYBOOK);
    }

    CliRun duet(String verb, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(verb, "-i", pair.inventory(dir).toString()));
        args.addAll(List.of(more));
        args.add(dir.resolve("site.yml").toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private void nothingContacted() {
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commands()).as(h.name()).isEmpty();
        }
    }

    @Test
    void listHostsPrintsEachPlaysHostsAsAnsibleDoes() {
        CliRun run = duet("apply", "--list-hosts");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("playbook: " + dir.resolve("site.yml"),
                "  play #1 (pair): First play\tTAGS: []\n    pattern: ['pair']\n    hosts (2):\n      node1\n      node2\n",
                "  play #2 (node2): Second play\tTAGS: []\n    pattern: ['node2']\n    hosts (1):\n      node2\n");
        nothingContacted();
    }

    @Test
    void listTasksHonoursTagsAndListTagsCollectsThem() {
        CliRun tasks = duet("plan", "--list-tasks", "--tags", "marks");
        CliRun tags = duet("apply", "--list-tags");

        assertThat(tasks.exit()).as(tasks.toString()).isZero();
        assertThat(tasks.out()).contains("    tasks:\n      Mark one\tTAGS: [marks]\n",
                "      Mark three\tTAGS: [late, marks]\n").doesNotContain("Mark two");
        assertThat(tags.exit()).as(tags.toString()).isZero();
        assertThat(tags.out()).contains("      TASK TAGS: [marks]\n", "      TASK TAGS: [late, marks]\n");
        nothingContacted();
    }

    @Test
    void syntaxCheckLoadsAndPlansWithoutContactingAndRefusesABadPlaybook() throws Exception {
        CliRun ok = duet("apply", "--syntax-check");

        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("playbook: " + dir.resolve("site.yml")).doesNotContain("TASK [");
        nothingContacted();

        Files.writeString(dir.resolve("site.yml"), PLAYBOOK.replace("    - name: Mark two\n", "    - name: Mark two\n      frobnicate: 1\n"));
        CliRun bad = duet("apply", "--syntax-check");
        assertThat(bad.exit()).isEqualTo(4);
        assertThat(bad.err()).contains("site.yml:10:7", "frobnicate");
        nothingContacted();
    }

    @Test
    void limitNarrowsEveryPlayAndSkipsAPlayItLeavesEmpty() {
        CliRun run = duet("apply", "--limit", "node1");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(pair.node1.path("/var/lib/duet/one")).exists();
        assertThat(pair.node2.commands()).isEmpty();
        assertThat(run.out()).contains("TASK [Mark two]", "PLAY [Second play]", "skipping: no hosts matched");

        CliRun excluded = duet("apply", "-l", "all:!node1", "--list-hosts");
        assertThat(excluded.out()).contains("hosts (1):\n      node2\n").doesNotContain("      node1\n");
    }

    @Test
    void limitMatchingNothingOrNamingAnUnknownHostIsRefused() {
        CliRun unknown = duet("apply", "--limit", "node9");
        CliRun retry = duet("apply", "--limit", "@site.retry");

        assertThat(unknown.exit()).isEqualTo(4);
        assertThat(unknown.err()).contains("node9");
        assertThat(retry.exit()).isEqualTo(4);
        assertThat(retry.err()).contains("retry files");
        nothingContacted();
    }

    @Test
    void startAtTaskSkipsEverythingBeforeTheNamedTask() {
        CliRun run = duet("apply", "--start-at-task", "Mark two");

        assertThat(run.exit()).as(run.toString()).isZero();
        for (FakeSshHost h : pair.both()) {
            assertThat(h.path("/var/lib/duet/one")).doesNotExist();
            assertThat(h.path("/var/lib/duet/two")).exists();
        }
        assertThat(pair.node2.path("/var/lib/duet/three")).exists();
        assertThat(run.out()).doesNotContain("TASK [Mark one]");

        CliRun glob = duet("apply", "--start-at-task", "Mark th*", "--list-tasks");
        assertThat(glob.out()).doesNotContain("Mark one", "Mark two").contains("Mark three");
    }

    @Test
    void startAtAnUnknownTaskIsRefusedBeforeAnyHostIsContacted() {
        CliRun run = duet("apply", "--start-at-task", "No such task");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("--start-at-task", "No such task");
        nothingContacted();
    }

    @Test
    void planAndApplyCheckTakeDiffAsUsersTypeIt() {
        CliRun plan = duet("plan", "--diff");
        CliRun check = duet("apply", "--check", "--diff");

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(plan.out()).contains("would run `touch /var/lib/duet/one`");
        for (FakeSshHost h : pair.both()) {
            assertThat(h.commands()).as(h.name()).allMatch(c -> c.startsWith("test -e "));
        }
    }
}
