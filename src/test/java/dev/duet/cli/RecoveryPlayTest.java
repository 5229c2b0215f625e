package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPlayTest {
    @TempDir
    Path dir;

    @Test
    void seed001InOrderThenThePlaybooksOwnRejoinTasksOnTheVictimOnly() {
        Wiring wiring = new Wiring(ScriptedPairRun.inventory(dir), false);
        var book = RecoveryPlay.build(wiring.playbook(ScriptedPairRun.PLAYBOOK), "node2", wiring.hostPattern(), Map.of());
        Play play = book.plays().get(0);
        assertThat(play.anyErrorsFatal()).isTrue();
        assertThat(play.vars()).containsKeys("drbd_resource", "drbd_device", "mount_point");
        assertThat(play.tasks()).extracting(Task::module).containsExactly("drbd_discard", "drbd_discard", "drbd_wait",
                "drbd_primary", "ocfs2_cluster", "mount");
        assertThat(play.tasks()).extracting(Task::runOn).containsExactly("node2", "node1", "node2", "node2", "node2",
                "node2");
        assertThat(play.tasks().get(0).args()).containsEntry("victim", "node2").containsEntry("mount", "{{ mount_point }}");
        assertThat(play.tasks().get(2).args()).containsEntry("disk", "UpToDate").containsEntry("peer_disk", "UpToDate");
        // never a mkfs or metadata step during a recovery
        assertThat(play.tasks()).extracting(Task::module).doesNotContain("filesystem", "drbd_metadata");
    }
}
