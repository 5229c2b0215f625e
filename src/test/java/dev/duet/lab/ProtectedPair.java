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

/**
 * The protected pair in the lab, as the cluster lab tests drive and read it: Duet with
 * playbooks/dual-primary-pacemaker.yml, and the tests' own reading of crm_mon, /proc/drbd, boot ids and
 * files on the shared filesystem (never Duet's parsers).
 */
final class ProtectedPair {
    static final java.nio.file.Path PLAYBOOK = LabHarness.ROOT.resolve("playbooks/dual-primary-pacemaker.yml");
    static final String MNT = "/srv/shared";
    static final Set<String> PAIR = Set.of("node1", "node2");

    final LabHarness lab;
    private String sums;

    ProtectedPair(LabHarness lab) {
        this.lab = lab;
    }

    /** Fresh nodes: plan installs and writes nothing, then apply builds the pair (see bootstrapAndVerify). */
    void freshPlannedThenBuilt(List<String> extra, String fstype) {
        lab.lab("reset");
        var plan = duet("plan", extra.toArray(String[]::new));
        assertThat(plan.code()).as(plan.out()).isZero();
        for (String n : PAIR) {
            assertThat(lab.ssh(n, "dpkg-query -W -f='${Status}' pacemaker").out())
                    .as("plan installed nothing on %s", n).doesNotContain("install ok installed");
            assertThat(lab.ssh(n, "test -e /etc/corosync/corosync.conf").code()).as("plan wrote no corosync.conf on %s", n)
                    .isNotZero();
        }
        bootstrapAndVerify(extra, fstype);
        sums = null;
        ensureSentinels();
    }

    void bootstrapAndVerify(List<String> extra, String fstype) {
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

    void linkCutFencesExactlyOne(String fstype) {
        Map<String, String> boots = new TreeMap<>();
        for (String n : PAIR) {
            boots.put(n, bootId(n));
            // every fd of the background writer away from the SSH channel, or ssh waits for it forever
            lab.sshOk(n, "rm -f " + MNT + "/writer-" + n + "; nohup sh -c 'while :; do date +%s.%N >> " + MNT + "/writer-"
                    + n + "; sync; sleep 0.5; done' </dev/null >/dev/null 2>&1 &");
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
            lab.sshOk(survivor, "pkill -f 'writer-[" + survivor.charAt(0) + "]" + survivor.substring(1) + "' || true");
            String kept = lab.sshOk(survivor, "md5sum < " + MNT + "/writer-" + survivor);
            assertThat(quickBootId(survivor)).as("the survivor %s was not fenced", survivor).isEqualTo(boots.get(survivor));
            lab.lab("heal-link");
            String victim = fenced.get(0);
            lab.lab("wait", victim);
            // the survivor's filesystem monitor waits out DLM recovery (which waits for the fence): it must
            // not time out, or Pacemaker restarts the survivor's own mount in the middle of the cut
            assertThat(crmMon(survivor).failures()).as("failed actions on the survivor %s after the cut", survivor)
                    .noneMatch(f -> f.startsWith("p-fs_") && f.contains(" on " + survivor + ":"));
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
                lab.ssh(n, "pkill -f '[w]riter-' || true");
            }
        }
    }

    /** {@code reporter}: the host whose task repairs it (a run_once task reports on the first host). */
    void driftRepaired(String what, String reporter) {
        var plan = duet("plan");
        assertThat(plan.code()).as(what + "\n" + plan.out()).isZero();
        assertThat(RunEvents.parse(plan.out()).modules(reporter, "changed")).as(what + ": plan\n" + plan.out()).isNotEmpty();
        var apply = duet("apply");
        assertThat(apply.code()).as(what + "\n" + apply.out()).isZero();
        assertThat(RunEvents.parse(apply.out()).modules(reporter, "changed")).as(what + ": apply\n" + apply.out())
                .isNotEmpty();
        Awaitility.await(what + ": the cluster healthy again").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5)).until(() -> crmMon("node1").healthy(PAIR));
        var after = duet("plan");
        assertNothingChanged(after.out());
    }

    /** Waits for the cluster to bring the pair back by itself; if it does not within 5 min, one apply must. */
    String awaitHealthyOrOneApply() {
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
    double awaitWrite(String node, String file) {
        long t0 = System.nanoTime();
        Awaitility.await(node + " writes to " + MNT).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lab.ssh(node, "timeout 30 sh -c 'echo " + file + " > " + MNT + "/" + file + " && sync'").code() == 0);
        return (System.nanoTime() - t0) / 1e9;
    }

    void awaitFailedAction() {
        Awaitility.await("the failed action recorded").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> crmMon("node1").failedActions() > 0);
    }

    String drbdInstance(String node) {
        String xml = lab.sshOk(node, "crm_mon -1 --output-as=xml");
        var m = java.util.regex.Pattern.compile("<resource id=\"([^\"]+)\" resource_agent=\"ocf:linbit:drbd\"").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1).replaceAll(":\\d+$", "");
    }

    CrmMonView crmMon(String node) {
        return CrmMonView.parse(lab.sshOk(node, "crm_mon -1 --output-as=xml"));
    }

    void assertDualPrimaryUpToDate() {
        for (String n : PAIR) {
            Awaitility.await(n + " Primary/Primary UpToDate/UpToDate").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> lab.ssh(n, "cat /proc/drbd").out().contains("cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate"));
        }
    }

    void crossWrite() {
        String stamp = Long.toString(System.nanoTime());
        lab.sshOk("node1", "echo from-node1-" + stamp + " > " + MNT + "/from-node1 && sync");
        assertThat(lab.sshOk("node2", "cat " + MNT + "/from-node1")).contains("from-node1-" + stamp);
        lab.sshOk("node2", "echo from-node2-" + stamp + " > " + MNT + "/from-node2 && sync");
        assertThat(lab.sshOk("node1", "cat " + MNT + "/from-node2")).contains("from-node2-" + stamp);
    }

    /**
     * Files to check later: written once per run (by the bootstrap, or here when a test starts from a
     * healthy pair it did not build, so it can run alone).
     */
    void ensureSentinels() {
        if (sums == null) {
            sums = lab.sshOk("node1", "mkdir -p " + MNT + "/sentinel && cd " + MNT + "/sentinel && for i in $(seq 1 10); do "
                    + "head -c 65536 /dev/urandom > f$i; done && sync && md5sum f*");
        }
    }

    /** The sentinel files are intact on both nodes. */
    void sentinelsIntact() {
        for (String n : PAIR) {
            lab.sshOk(n, "cd " + MNT + "/sentinel && printf '%s' '" + sums + "' | md5sum -c --quiet");
        }
    }

    String bootId(String node) {
        return lab.sshOk(node, "cat /proc/sys/kernel/random/boot_id").strip();
    }

    /** The boot id, or "down" while the node does not answer (it is resetting). */
    String quickBootId(String node) {
        var r = lab.ssh(node, "timeout 10 cat /proc/sys/kernel/random/boot_id");
        return r.code() == 0 ? r.out().strip() : "down";
    }

    void assertNothingChanged(String out) {
        var events = RunEvents.parse(out);
        for (String n : PAIR) {
            assertThat(events.modules(n, "changed")).as(out).isEmpty();
        }
        assertThat(events.messages("failed")).as(out).isEmpty();
    }

    LabHarness.Result duet(String verb, String... more) {
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(List.of(more));
        args.addAll(List.of("--json", "-i", LabHarness.INVENTORY.toString(), PLAYBOOK.toString()));
        return lab.duet(args.toArray(String[]::new));
    }
}
