package dev.duet.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.step.Done;
import dev.duet.testing.ScriptedNode;
import org.junit.jupiter.api.Test;

class ManagedFileTest {
    private static final String STAT = "stat -c";
    private final ManagedFile motd = ManagedFile.text("/etc/motd", "hello\n", "0644");

    @Test
    void putCreatesAMissingFileAndSaysSoWithTheDiff() {
        ScriptedNode node = new ScriptedNode("node1");
        Done done = motd.put(node);
        assertThat(done.changed()).isTrue();
        assertThat(done.message()).isEqualTo("created /etc/motd");
        assertThat(done.diff()).contains("--- /dev/null", "+++ /etc/motd", "+hello");
        assertThat(node.fileText("/etc/motd")).isEqualTo("hello\n");
    }

    @Test
    void putUpdatesChangedContent() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "old\n");
        assertThat(motd.put(node)).isEqualTo(Done.changed("updated /etc/motd",
                ManagedFile.unifiedDiff("/etc/motd", "old\n", "hello\n")));
        assertThat(node.fileText("/etc/motd")).isEqualTo("hello\n");
    }

    @Test
    void putFixesAttributesAlone() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "hello\n").on(STAT, 0, "600 daemon:adm\n");
        assertThat(motd.put(node))
                .isEqualTo(Done.changed("changed attributes of /etc/motd from 600 daemon:adm to 644 root:root"));
        assertThat(node.writes()).containsExactly("/etc/motd");
    }

    @Test
    void putLeavesAnUpToDateFileUnwritten() {
        ScriptedNode node = new ScriptedNode("node1").file("/etc/motd", "hello\n").on(STAT, 0, "644 root:root\n");
        assertThat(motd.put(node)).isEqualTo(Done.unchanged("/etc/motd is up to date"));
        assertThat(node.writes()).isEmpty();
    }

    @Test
    void putOfASensitiveFileNeverShowsItsContent() {
        ScriptedNode node = new ScriptedNode("node1");
        Done done = ManagedFile.text("/etc/drbd.d/r0.res", "shared-secret \"s3cr3t\";\n", "0600").sensitive().put(node);
        assertThat(done.message()).isEqualTo("created /etc/drbd.d/r0.res");
        assertThat(done.diff()).contains("content not shown").doesNotContain("s3cr3t");
    }
}
