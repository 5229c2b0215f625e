package dev.duet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pair built by hand, the way the manual procedure reads, with files a person writes (another layout,
 * spaces around '=', quoted values, the cluster stanza first), OCFS2 mounted on both nodes. Duet adopts it:
 * {@code plan} refuses nothing and shows at most cosmetic rewrites, {@code apply} succeeds without touching
 * the live cluster, and the next run changes nothing. Holds /tmp/duet-lab.lock (the VMs are shared).
 */
@Tag("lab-on-request") // passed in the lab (8 min); runs with the cluster tier on request, to keep CI inside its budget
@ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdoptHandBuiltLabTest {
    private static final String MNT = "/srv/shared";
    private static final List<String> NODES = List.of("node1", "node2");
    /** Steps whose files a person wrote in another layout may be rewritten; nothing else may change. */
    private static final Set<String> COSMETIC = Set.of("drbd_resource", "ocfs2_cluster", "service", "mount");

    private static final String RESOURCE = String.join("\n",
            "# r0, written by hand from the DRBD user guide",
            "resource r0 {",
            "  protocol C;",
            "  net {",
            "    allow-two-primaries yes;",
            "    after-sb-0pri discard-zero-changes;",
            "    after-sb-1pri discard-secondary;",
            "    after-sb-2pri disconnect;",
            "  }",
            "  on node1 { device /dev/drbd0; disk /dev/vdb; address 192.168.77.1:7789; meta-disk internal; }",
            "  on node2 { device /dev/drbd0; disk /dev/vdb; address 192.168.77.2:7789; meta-disk internal; }",
            "}", "");
    private static final String CLUSTER_CONF = String.join("\n",
            "# o2cb cluster, written by hand",
            "cluster:",
            "\tnode_count=2",
            "\tname=ocfs2",
            "",
            "node:",
            "\tname = node1",
            "\tcluster = ocfs2",
            "\tnumber = 0",
            "\tip_address = 192.168.77.1",
            "\tip_port = 7777",
            "",
            "node:",
            "\tname = node2",
            "\tcluster = ocfs2",
            "\tnumber = 1",
            "\tip_address = 192.168.77.2",
            "\tip_port = 7777",
            "");

    private final LabHarness lab = new LabHarness();

    @BeforeAll
    void pairBuiltByHand() {
        lab.up();
        lab.lab("reset");
        for (String n : NODES) {
            // a fresh node has no package lists yet: as a person would, update first
            lab.sshOk(n, "apt-get update -q >/dev/null && apt-get install -y drbd-utils ocfs2-tools >/dev/null"
                    + " && printf '%s' '" + RESOURCE + "' > /etc/drbd.d/r0.res"
                    + " && drbdadm create-md --force r0 && drbdadm up r0");
        }
        awaitOn("node1", "drbdadm cstate r0", "Connected");
        lab.sshOk("node1", "drbdadm primary --force r0");
        awaitOn("node1", "drbdadm dstate r0", "UpToDate/UpToDate");
        lab.sshOk("node2", "drbdadm primary r0");
        for (String n : NODES) {
            lab.sshOk(n, "mkdir -p /etc/ocfs2 && printf '%s' '" + CLUSTER_CONF + "' > /etc/ocfs2/cluster.conf"
                    + " && printf 'O2CB_ENABLED=\"true\"\\nO2CB_BOOTCLUSTER=\"ocfs2\"\\n' > /etc/default/o2cb"
                    + " && systemctl enable o2cb && systemctl restart o2cb && o2cb cluster-status ocfs2");
        }
        lab.sshOk("node1", "mkfs.ocfs2 -N 2 -L shared /dev/drbd0");
        for (String n : NODES) {
            lab.sshOk(n, "mkdir -p " + MNT + " && echo '/dev/drbd0 " + MNT + " ocfs2 noatime,_netdev 0 0' >> /etc/fstab"
                    + " && mount " + MNT + " && findmnt -n -t ocfs2 " + MNT);
        }
        lab.sshOk("node1", "echo adopted > " + MNT + "/by-hand && sync");
    }

    @Test
    @Order(1)
    void planRefusesNothingAndShowsAtMostCosmeticChanges() {
        var plan = duet("plan");
        assertThat(plan.code()).as(plan.out()).isZero();
        RunEvents events = RunEvents.parse(plan.out());
        assertThat(events.messages("failed")).as(plan.out()).isEmpty();
        for (String n : NODES) {
            assertThat(events.modules(n, "changed")).as(plan.out()).allMatch(COSMETIC::contains);
        }
    }

    @Test
    @Order(2)
    void applySucceedsWithoutRestartingTheLiveClusterAndTheNextRunChangesNothing() {
        String before = lab.sshOk("node1", "systemctl show -p ActiveEnterTimestamp o2cb");
        var apply = duet("apply");
        assertThat(apply.code()).as(apply.out()).isZero();
        assertThat(apply.out()).doesNotContain("restarted o2cb");
        assertThat(lab.sshOk("node1", "systemctl show -p ActiveEnterTimestamp o2cb")).isEqualTo(before);

        var again = duet("apply");
        assertThat(again.code()).as(again.out()).isZero();
        RunEvents events = RunEvents.parse(again.out());
        for (String n : NODES) {
            assertThat(events.modules(n, "changed")).as(again.out()).isEmpty();
            assertThat(lab.sshOk(n, "cat " + MNT + "/by-hand")).contains("adopted");
        }
    }

    private void awaitOn(String node, String command, String expected) {
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(5))
                .until(() -> lab.ssh(node, command).out().contains(expected));
    }

    private LabHarness.Result duet(String verb) {
        List<String> args = new ArrayList<>(List.of(verb, "--json", "-i", LabHarness.INVENTORY.toString(),
                LabHarness.PLAYBOOK.toString()));
        return lab.duet(args.toArray(String[]::new));
    }
}
