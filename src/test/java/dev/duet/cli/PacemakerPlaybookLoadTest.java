package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.cluster.cib.CibDiff;
import dev.duet.cluster.cib.CibNode;
import dev.duet.cluster.cib.CibSpec;
import dev.duet.cluster.cib.CibSpecReader;
import dev.duet.cluster.cib.CibXml;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.RunOptions;
import dev.duet.engine.TemplatedArgsCheck;
import dev.duet.error.InputException;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.Templater;
import dev.duet.playbook.Vars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code playbooks/dual-primary-pacemaker.yml} with {@code inventory/lab.yml} loads, plans and passes the
 * load-time checks of every rendered value (what a run does before contacting a host), for both
 * filesystems; a bad value for the filesystem is refused there.
 */
class PacemakerPlaybookLoadTest {
    static final Path PLAYBOOK = Path.of("playbooks/dual-primary-pacemaker.yml");
    static final Path LAB = Path.of("inventory/lab.yml");

    @TempDir
    Path dir;

    private static Plan plan(Path playbookFile, Map<String, Object> extra) {
        Wiring wiring = new Wiring(LAB, false);
        Playbook playbook = wiring.playbook(playbookFile);
        RunOptions options = new RunOptions(true, true, Set.of(), Set.of(), extra);
        Plan plan = new Planner(wiring.modules(), wiring.templating(), wiring.hostPattern()).plan(playbook, options);
        new TemplatedArgsCheck(wiring.inventory(), extra).check(plan);
        return plan;
    }

    @Test
    void loadsWithTheLabInventoryForOcfs2AndGfs2() {
        for (Map<String, Object> extra : List.of(Map.<String, Object>of(), Map.<String, Object>of("cluster_fs", "gfs2"))) {
            Plan plan = plan(PLAYBOOK, extra);

            List<String> modules = plan.plays().get(0).tasks().stream().map(t -> t.module().name()).toList();
            assertThat(modules).as("with %s", extra).containsSubsequence("drbd_preflight", "cluster_preflight", "package",
                    "drbd_resource", "drbd_metadata", "drbd_up", "drbd_initial_sync", "sbd", "corosync", "service",
                    "cib", "cluster_wait", "filesystem", "cib", "cluster_wait");
            assertThat(modules).as("Pacemaker promotes and mounts, never Duet").doesNotContain("drbd_primary", "mount",
                    "ocfs2_cluster");
        }
    }

    /** The last cib task, rendered for node1 with the lab inventory, against the CIB with which a link cut in the lab fenced exactly one node. */
    @Test
    void theHandOverDescribesExactlyTheConfigurationProvenInTheLab() throws Exception {
        Wiring wiring = new Wiring(LAB, false);
        Plan plan = plan(PLAYBOOK, Map.of());
        var play = plan.plays().get(0);
        var cibTasks = play.tasks().stream().filter(t -> t.module().name().equals("cib")).toList();
        var host = wiring.inventory().hosts().get("node1");
        Map<String, Object> vars = Vars.forHost(play.play(), wiring.inventory(), host, Map.of());
        CibNode lab = CibXml.parse(Files.readString(
                Path.of("src/test/resources/cluster/cib/cibadmin_query_scope_configuration__lab_one_node_fenced__node1.xml")));

        CibSpec full = CibSpecReader.strict(Templater.renderMap(cibTasks.get(1).task().args(), vars, null), null);
        CibSpec first = CibSpecReader.strict(Templater.renderMap(cibTasks.get(0).task().args(), vars, null), null);

        CibDiff diff = CibDiff.of(full, lab);
        assertThat(diff.changes()).as(diff.patch().xml()).isEmpty();
        assertThat(diff.extraResources()).isEmpty();
        assertThat(CibDiff.of(first, lab).inSync()).isTrue();
        assertThat(full.resourceIds()).containsExactly("st-node1", "st-node2", "ms-drbd", "dlm-clone", "fs-clone");
    }

    @Test
    void theFilesystemVariableIsCheckedBeforeAnyHostIsContacted() {
        InputException e = assertThrows(InputException.class, () -> plan(PLAYBOOK, Map.of("cluster_fs", "ext4")));

        assertThat(e.getMessage()).contains("cluster_fs", "ext4");
    }

    @Test
    void withoutStonithThePlaybookIsRefusedAtLoad() throws Exception {
        String text = Files.readString(PLAYBOOK).replace("stonith-enabled: true", "stonith-enabled: false");
        Path copy = Files.writeString(dir.resolve("no-stonith.yml"), text);

        InputException e = assertThrows(InputException.class, () -> plan(copy, Map.of()));

        assertThat(e.getMessage()).contains("no-stonith.yml:", "STONITH is disabled");
    }

    @Test
    void theDesignatedSurvivorIsAnInputItsDeviceCarriesTheDelayAndAStrangerIsRefusedAtLoad() {
        Wiring wiring = new Wiring(LAB, false);
        Plan plan = plan(PLAYBOOK, Map.of("fence_survivor", "node2"));
        var play = plan.plays().get(0);
        var cib = play.tasks().stream().filter(t -> t.module().name().equals("cib")).toList().get(1);
        var host = wiring.inventory().hosts().get("node1");
        Map<String, Object> vars = Vars.forHost(play.play(), wiring.inventory(), host, Map.of(),
                Map.of("fence_survivor", "node2"));
        String rendered = String.valueOf(Templater.renderMap(cib.task().args(), vars, null).get("primitives"));
        assertThat(rendered).contains("id=st-node2, agent=stonith:external/sbd, params={pcmk_host_list=node2, pcmk_delay_base=90s}")
                .contains("id=st-node1, agent=stonith:external/sbd, params={pcmk_host_list=node1}");

        InputException e = assertThrows(InputException.class, () -> plan(PLAYBOOK, Map.of("fence_survivor", "node3")));
        assertThat(e.getMessage()).contains("dual-primary-pacemaker.yml:", "fence_survivor", "must be one of the pair",
                "node3");
    }
}
