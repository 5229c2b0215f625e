package dev.duet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The protected pair on real DRBD 8.4 under Pacemaker, corosync, DLM and SBD in the lab: fresh nodes →
 * plan touches nothing → apply → DRBD Promoted on both, DLM and the Filesystem Started on both, STONITH
 * Started (read independently: crm_mon's XML, /proc/drbd, a file written on each node read on the other);
 * a second apply changes nothing. Then drift repaired through the cluster, a hard reset of one node, and
 * the link cut: exactly one node fenced, the survivor keeps writing, no split brain afterwards and the
 * survivor's writes on both. Then the same pair with GFS2, and a switch of filesystem refused.
 */
@Tag("cluster-lab")
@ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLabTest {
    static final java.nio.file.Path PLAYBOOK = LabHarness.ROOT.resolve("playbooks/dual-primary-pacemaker.yml");
    private static final String MNT = "/srv/shared";
    private static final Set<String> PAIR = Set.of("node1", "node2");

    private final LabHarness lab = new LabHarness();
    private String sums;

    @BeforeAll
    void start() {
        lab.up();
    }

    @Test
    @Order(1)
    void freshPairPlannedThenBuiltFencedAndConverged() {
        lab.lab("reset");
        var plan = duet("plan");
        assertThat(plan.code()).as(plan.out()).isZero();
        for (String n : PAIR) {
            assertThat(lab.ssh(n, "dpkg-query -W -f='${Status}' pacemaker").out())
                    .as("plan installed nothing on %s", n).doesNotContain("install ok installed");
            assertThat(lab.ssh(n, "test -e /etc/corosync/corosync.conf").code()).as("plan wrote no corosync.conf on %s", n)
                    .isNotZero();
        }
        bootstrapAndVerify(List.of(), "ocfs2");
        sums = lab.sshOk("node1", "mkdir -p " + MNT + "/sentinel && cd " + MNT + "/sentinel && for i in $(seq 1 10); do "
                + "head -c 65536 /dev/urandom > f$i; done && sync && md5sum f*");
    }

    @Test
    @Order(2)
    void driftThroughTheClusterIsPlannedRepairedAndThenClean() {
        lab.sshOk("node2", "systemctl stop pacemaker");
        driftRepaired("pacemaker stopped on node2");

        lab.sshOk("node2", "crm_resource --fail --resource " + drbdInstance("node2") + " --node node2");
        awaitFailedAction();
        driftRepaired("a failed resource action");

        lab.sshOk("node2", "systemctl disable sbd");
        driftRepaired("sbd disabled on node2");
        sentinelsIntact();
    }

    @Test
    @Order(3)
    void hardResetOfOneNodeKeepsTheSurvivorServingAndTheNodeComesBack() {
        String boot2 = bootId("node2");
        long t0 = System.nanoTime();
        lab.lab("reboot", "node2");
        double blocked = awaitWrite("node1", "during-reset");
        System.out.printf("[lab timing] node1's writes blocked after node2's hard reset: %.1f s%n", blocked);
        lab.lab("wait", "node2");
        assertThat(bootId("node2")).isNotEqualTo(boot2);
        String how = awaitHealthyOrOneApply();
        System.out.printf("[lab] node2 back after a hard reset (%s) in %.0f s%n", how, (System.nanoTime() - t0) / 1e9);
        assertDualPrimaryUpToDate();
        assertThat(lab.sshOk("node2", "cat " + MNT + "/during-reset")).contains("during-reset");
        sentinelsIntact();
    }

    @Test
    @Order(4)
    void linkCutFencesExactlyOneNodeWithoutSplitBrain() {
        linkCutFencesExactlyOne("ocfs2");
        sentinelsIntact();
        var again = duet("apply");
        assertThat(again.code()).as(again.out()).isZero();
        assertNothingChanged(again.out());
    }

    @Test
    @Order(5)
    void gfs2PairBuiltAndSwitchingTheFilesystemIsRefused() {
        lab.lab("reset");
        bootstrapAndVerify(List.of("-e", "cluster_fs=gfs2"), "gfs2");
        var plan = duet("plan", "-e", "cluster_fs=gfs2");
        assertNothingChanged(plan.out());

        var other = duet("apply", "-e", "cluster_fs=ocfs2");
        assertThat(other.code()).as("switching GFS2 to OCFS2 is refused\n" + other.out()).isEqualTo(2);
        assertThat(RunEvents.parse(other.out()).messages("failed")).as(other.out()).isNotEmpty();
        for (String n : PAIR) {
            assertThat(lab.sshOk(n, "findmnt -n -o FSTYPE " + MNT).strip()).as(n).isEqualTo("gfs2");
        }
    }

    @Test
    @Order(6)
    void linkCutWithGfs2FencesExactlyOneNodeWithoutSplitBrain() {
        linkCutFencesExactlyOne("gfs2");
    }

    private void bootstrapAndVerify(List<String> extra, String fstype) {
        long t0 = System.nanoTime();
        var apply = duet("apply", extra.toArray(String[]::new));
        assertThat(apply.code()).as(apply.out()).isZero();
        System.out.printf("[lab timing] fresh pair to the protected pair (%s): %.0f s%n", fstype, (System.nanoTime() - t0) / 1e9);
        CrmMonView view = crmMon("node1");
        assertThat(view.healthy(PAIR)).as("crm_mon after apply: %s", view).isTrue();
        assertThat(lab.sshOk("node1", "crm_attribute --type crm_config --name stonith-enabled --query --quiet").strip())
                .isEqualTo("true");
        assertDualPrimaryUpToDate();
        for (String n : PAIR) {
            assertThat(lab.sshOk(n, "findmnt -n -o FSTYPE " + MNT).strip()).as(n).isEqualTo(fstype);
        }
        crossWrite();

        long t1 = System.nanoTime();
        var again = duet("apply", extra.toArray(String[]::new));
        assertThat(again.code()).as(again.out()).isZero();
        assertNothingChanged(again.out());
        System.out.printf("[lab timing] second apply of the protected pair: %.1f s%n", (System.nanoTime() - t1) / 1e9);
    }

    private void linkCutFencesExactlyOne(String fstype) {
        Map<String, String> boots = new TreeMap<>();
        for (String n : PAIR) {
            boots.put(n, bootId(n));
            lab.sshOk(n, "rm -f " + MNT + "/writer-" + n + " && nohup sh -c 'while :; do date +%s.%N >> " + MNT + "/writer-"
                    + n + "; sync; sleep 0.5; done' >/dev/null 2>&1 &");
        }
        long t0 = System.nanoTime();
        lab.lab("cut-link");
        List<String> fenced = new ArrayList<>();
        try {
            Awaitility.await("a node fenced after the link cut").atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(3)).until(() -> {
                        fenced.clear();
                        fenced.addAll(PAIR.stream().filter(n -> !boots.get(n).equals(quickBootId(n))).sorted().toList());
                        return !fenced.isEmpty();
                    });
            String survivor = PAIR.stream().filter(n -> !fenced.contains(n)).findFirst().orElse(null);
            assertThat(survivor).as("both nodes were fenced (%s): a fence race", fenced).isNotNull();
            double blocked = awaitWrite(survivor, "after-cut");
            System.out.printf("[lab timing] %s link cut: %s fenced %.0f s after the cut; %s's writes blocked %.1f s%n",
                    fstype, fenced, (System.nanoTime() - t0) / 1e9, survivor, blocked);
            lab.sshOk(survivor, "pkill -f 'writer-" + survivor + "' || true");
            String kept = lab.sshOk(survivor, "md5sum < " + MNT + "/writer-" + survivor);
            assertThat(quickBootId(survivor)).as("the survivor %s was not fenced", survivor).isEqualTo(boots.get(survivor));
            lab.lab("heal-link");
            String victim = fenced.get(0);
            lab.lab("wait", victim);
            assertThat(bootId(victim)).as("%s was fenced: it rebooted", victim).isNotEqualTo(boots.get(victim));
            String how = awaitHealthyOrOneApply();
            System.out.printf("[lab] %s back after the link cut (%s)%n", victim, how);
            assertThat(bootId(survivor)).as("exactly one node fenced: %s rebooted as well", survivor)
                    .isEqualTo(boots.get(survivor));
            assertDualPrimaryUpToDate();
            for (String n : PAIR) {
                assertThat(lab.ssh(n, "dmesg | grep -c 'Split-Brain detected'").out().strip()).as("split brain on %s", n)
                        .isEqualTo("0");
                assertThat(lab.sshOk(n, "md5sum < " + MNT + "/writer-" + survivor)).as("%s's writes on %s", survivor, n)
                        .isEqualTo(kept);
                assertThat(lab.sshOk(n, "cat " + MNT + "/after-cut")).contains("after-cut");
            }
        } finally {
            lab.lab("heal-link");
            for (String n : PAIR) {
                lab.ssh(n, "pkill -f 'writer-' || true");
            }
        }
    }

    private void driftRepaired(String what) {
        var plan = duet("plan");
        assertThat(plan.code()).as(what + "\n" + plan.out()).isZero();
        assertThat(RunEvents.parse(plan.out()).modules("node2", "changed")).as(what + ": plan\n" + plan.out()).isNotEmpty();
        var apply = duet("apply");
        assertThat(apply.code()).as(what + "\n" + apply.out()).isZero();
        assertThat(RunEvents.parse(apply.out()).modules("node2", "changed")).as(what + ": apply\n" + apply.out())
                .isNotEmpty();
        Awaitility.await(what + ": the cluster healthy again").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5)).until(() -> crmMon("node1").healthy(PAIR));
        var after = duet("plan");
        assertNothingChanged(after.out());
    }

    /** Waits for the cluster to bring the pair back by itself; if it does not within 5 min, one apply must. */
    private String awaitHealthyOrOneApply() {
        try {
            Awaitility.await("the cluster heals the pair").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                    .ignoreExceptions().until(() -> crmMon("node1").healthy(PAIR) && crmMon("node2").healthy(PAIR));
            return "by the cluster itself";
        } catch (ConditionTimeoutException e) {
            var apply = duet("apply");
            assertThat(apply.code()).as(apply.out()).isZero();
            Awaitility.await("the pair healthy after one apply").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(5)).until(() -> crmMon("node1").healthy(PAIR));
            return "after one apply";
        }
    }

    /** Seconds until a write on {@code node}'s filesystem succeeds again (retrying a blocked write). */
    private double awaitWrite(String node, String file) {
        long t0 = System.nanoTime();
        Awaitility.await(node + " writes to " + MNT).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lab.ssh(node, "timeout 30 sh -c 'echo " + file + " > " + MNT + "/" + file + " && sync'").code() == 0);
        return (System.nanoTime() - t0) / 1e9;
    }

    private void awaitFailedAction() {
        Awaitility.await("the failed action recorded").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> crmMon("node1").failedActions() > 0);
    }

    private String drbdInstance(String node) {
        String xml = lab.sshOk(node, "crm_mon -1 --output-as=xml");
        var m = java.util.regex.Pattern.compile("<resource id=\"([^\"]+)\" resource_agent=\"ocf:linbit:drbd\"").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1).replaceAll(":\\d+$", "");
    }

    private CrmMonView crmMon(String node) {
        return CrmMonView.parse(lab.sshOk(node, "crm_mon -1 --output-as=xml"));
    }

    private void assertDualPrimaryUpToDate() {
        for (String n : PAIR) {
            Awaitility.await(n + " Primary/Primary UpToDate/UpToDate").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> lab.ssh(n, "cat /proc/drbd").out().contains("cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate"));
        }
    }

    private void crossWrite() {
        String stamp = Long.toString(System.nanoTime());
        lab.sshOk("node1", "echo from-node1-" + stamp + " > " + MNT + "/from-node1 && sync");
        assertThat(lab.sshOk("node2", "cat " + MNT + "/from-node1")).contains("from-node1-" + stamp);
        lab.sshOk("node2", "echo from-node2-" + stamp + " > " + MNT + "/from-node2 && sync");
        assertThat(lab.sshOk("node1", "cat " + MNT + "/from-node2")).contains("from-node2-" + stamp);
    }

    private void sentinelsIntact() {
        for (String n : PAIR) {
            lab.sshOk(n, "cd " + MNT + "/sentinel && printf '%s' '" + sums + "' | md5sum -c --quiet");
        }
    }

    private String bootId(String node) {
        return lab.sshOk(node, "cat /proc/sys/kernel/random/boot_id").strip();
    }

    /** The boot id, or "down" while the node does not answer (it is resetting). */
    private String quickBootId(String node) {
        var r = lab.ssh(node, "timeout 10 cat /proc/sys/kernel/random/boot_id");
        return r.code() == 0 ? r.out().strip() : "down";
    }

    private void assertNothingChanged(String out) {
        var events = RunEvents.parse(out);
        for (String n : PAIR) {
            assertThat(events.modules(n, "changed")).as(out).isEmpty();
        }
        assertThat(events.messages("failed")).as(out).isEmpty();
    }

    private LabHarness.Result duet(String verb, String... more) {
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(List.of(more));
        args.addAll(List.of("--json", "-i", LabHarness.INVENTORY.toString(), PLAYBOOK.toString()));
        return lab.duet(args.toArray(String[]::new));
    }
}
