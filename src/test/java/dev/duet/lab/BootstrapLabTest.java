package dev.duet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bootstrap on real DRBD: from fresh nodes, plan touches nothing; apply gives Primary/Primary UpToDate with
 * OCFS2 mounted on both and files crossing both ways; a second apply changes nothing. Then the same with
 * {@code initial_sync: skip}, connected as the unprivileged user {@code duet} with {@code become: true}
 * (inventory/lab-sudo.yml): every command and every file write goes through sudo.
 */
@Tag("lab")
@org.junit.jupiter.api.extension.ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootstrapLabTest {
    private static final List<String> NODES = List.of("node1", "node2");
    private static final Pattern RECAP = Pattern.compile("(?m)^(node[12])\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    private final LabHarness lab = new LabHarness();
    private java.nio.file.Path inventory = LabHarness.INVENTORY;

    @BeforeAll
    void start() {
        lab.up();
    }

    @Test
    @Order(1)
    void fullSyncBootstrap() {
        lab.lab("reset");
        bootstrapAndVerify(new String[0]);
    }

    @Test
    @Order(2)
    void skipSyncBootstrap() {
        lab.lab("reset");
        assertThat(lab.sshOk("node1", "id -u duet; sudo -n -l -U duet | grep -c NOPASSWD").strip().lines().toList())
                .as("the image's duet user with passwordless sudo").hasSize(2).last().isNotEqualTo("0");
        inventory = LabHarness.ROOT.resolve("inventory/lab-sudo.yml");
        bootstrapAndVerify(new String[] {"-e", "initial_sync=skip"});
        for (String n : NODES) {
            assertThat(lab.sshOk(n, "stat -c '%U:%G %a' /etc/drbd.d/r0.res").strip())
                    .as("%s: the resource file written through sudo belongs to root", n).startsWith("root:root");
        }
    }

    private void bootstrapAndVerify(String[] extra) {
        var plan = lab.duet(args("plan", extra));
        assertThat(plan.code()).as(plan.out()).isZero();
        assertThat(plan.out()).contains("+++ /etc/drbd.d/r0.res", "+++ /etc/ocfs2/cluster.conf", "+++ /etc/fstab");
        for (String n : NODES) {
            assertThat(lab.ssh(n, "dpkg-query -W -f='${Status}' drbd-utils").out())
                    .as("plan installed nothing on %s", n).doesNotContain("install ok installed");
            assertThat(lab.ssh(n, "cat /proc/drbd 2>/dev/null | grep -c ' cs:' || true").out().strip())
                    .as("plan configured no DRBD device on %s", n).isEqualTo("0");
        }
        assertRecap(plan.out(), true);

        var apply = lab.duet(args("apply", extra));
        assertThat(apply.code()).as(apply.out()).isZero();
        assertThat(apply.out()).contains("orchestration overhead");
        for (String n : NODES) {
            assertThat(lab.sshOk(n, "cat /proc/drbd"))
                    .as("%s /proc/drbd", n).contains("cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate");
            assertThat(lab.sshOk(n, "findmnt -n -o FSTYPE /srv/shared").strip()).isEqualTo("ocfs2");
        }
        String stamp = Long.toString(System.nanoTime());
        lab.sshOk("node1", "echo from-node1-" + stamp + " > /srv/shared/from-node1 && sync");
        assertThat(lab.sshOk("node2", "cat /srv/shared/from-node1")).contains("from-node1-" + stamp);
        lab.sshOk("node2", "echo from-node2-" + stamp + " > /srv/shared/from-node2 && sync");
        assertThat(lab.sshOk("node1", "cat /srv/shared/from-node2")).contains("from-node2-" + stamp);

        long t0 = System.nanoTime();
        var again = lab.duet(args("apply", extra));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(again.code()).as(again.out()).isZero();
        assertRecap(again.out(), false);
        System.out.printf("[lab timing] second apply (converged pair): %.1f s%n", seconds);
    }

    private String[] args(String verb, String[] extra) {
        var all = new java.util.ArrayList<>(List.of(verb, "-i", inventory.toString(), LabHarness.PLAYBOOK.toString()));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    /** Both nodes in the recap, nothing failed or unreachable; changed>0 (or exactly 0 when {@code changed} is false). */
    private static void assertRecap(String out, boolean changed) {
        Matcher m = RECAP.matcher(out);
        int hosts = 0;
        while (m.find()) {
            hosts++;
            assertThat(Integer.parseInt(m.group(4))).as("unreachable on " + m.group(1)).isZero();
            assertThat(Integer.parseInt(m.group(5))).as("failed on " + m.group(1)).isZero();
            if (changed) {
                assertThat(Integer.parseInt(m.group(3))).as("changed on " + m.group(1)).isPositive();
            } else {
                assertThat(Integer.parseInt(m.group(3))).as("changed on " + m.group(1) + "\n" + out).isZero();
            }
        }
        assertThat(hosts).as("recap lines in:\n" + out).isEqualTo(2);
    }
}
