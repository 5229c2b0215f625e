package dev.duet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab tier: real Debian 12 VMs under QEMU (scripts/lab), real kernel DRBD. Runs only with
 * {@code mvn -Plab verify}. It never skips: when the lab cannot start (no QEMU, QEMU failing), it fails.
 *
 * <p>Drives the lab through {@link LabHarness}: the system {@code ssh} with the config {@code scripts/lab
 * ssh-config} prints (strict host keys against the lab's known_hosts), one connection per command.
 */
@Tag("lab")
@org.junit.jupiter.api.extension.ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSmokeTest {

    private static final List<String> NODES = List.of("node1", "node2");
    private static final String REPL_NODE1 = "192.168.77.1";
    private static final String REPL_NODE2 = "192.168.77.2";

    private final LabHarness lab = new LabHarness();

    private LabHarness.Result ssh(String node, String command) {
        return lab.ssh(node, command);
    }

    private static void timing(String what, long t0) {
        System.out.printf("[lab timing] %s: %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    @BeforeAll
    void startLab() {
        long t0 = System.nanoTime();
        lab.up();
        timing("scripts/lab up", t0);
        // start from the fresh state whatever ran against the VMs before
        t0 = System.nanoTime();
        lab.lab("reset");
        timing("scripts/lab reset (before)", t0);
        String cfg = lab.lab("ssh-config").out();
        assertTrue(cfg.contains("Host node1") && cfg.contains("Host node2"), cfg);
    }

    @Test
    @Order(1)
    void bothNodesAnswerSshWithStrictHostKeys() {
        for (String node : NODES) {
            long t0 = System.nanoTime();
            LabHarness.Result r = ssh(node, "hostname");
            timing("ssh " + node + " hostname (new connection)", t0);
            assertEquals(0, r.code(), node + ": ssh failed:\n" + r.out());
            assertEquals(node, r.out().trim(), node + ": unexpected hostname");
        }
    }

    @Test
    @Order(2)
    void drbdDiskIsBlank() {
        for (String node : NODES) {
            LabHarness.Result size = ssh(node, "blockdev --getsize64 /dev/vdb");
            assertEquals(0, size.code(), node + ": /dev/vdb missing:\n" + size.out());
            assertTrue(Long.parseLong(size.out().trim()) > 0, node + ": /dev/vdb is empty-sized");
            // blkid -p exits 2 when it finds no signature at all
            LabHarness.Result blkid = ssh(node, "blkid -p /dev/vdb");
            assertEquals(2, blkid.code(), node + ": /dev/vdb carries a signature:\n" + blkid.out());
            LabHarness.Result zeros = ssh(node, "head -c 1048576 /dev/vdb | tr -d '\\000' | wc -c");
            assertEquals(0, zeros.code(), zeros.out());
            assertEquals("0", zeros.out().trim(), node + ": the first MiB of /dev/vdb is not all zero");
        }
    }

    @Test
    @Order(3)
    void drbdToolsAbsentBeforeInstall() {
        for (String node : NODES) {
            assertPackagesAbsent(node);
        }
    }

    @Test
    @Order(4)
    void aptInstallsDrbdUtilsFromTheLocalRepo() {
        long t0 = System.nanoTime();
        List<LabHarness.Running> installs = new ArrayList<>();
        for (String node : NODES) {
            installs.add(lab.sshInBackground(node, "apt-get update -q && "
                    + "DEBIAN_FRONTEND=noninteractive apt-get install -y -q drbd-utils && drbdadm --version"));
        }
        for (int i = 0; i < NODES.size(); i++) {
            LabHarness.Result r = installs.get(i).finish(Duration.ofMinutes(15));
            assertEquals(0, r.code(), NODES.get(i) + ": apt-get install drbd-utils failed:\n" + r.out());
            assertTrue(r.out().contains("10.0.2.100"), NODES.get(i) + ": not fetched from the local repo:\n" + r.out());
            assertTrue(r.out().contains("DRBDADM_VERSION="), r.out());
        }
        timing("apt-get update + install drbd-utils (both nodes at once)", t0);
        for (String node : NODES) {
            LabHarness.Result v = ssh(node, "modprobe drbd && head -n1 /proc/drbd");
            assertEquals(0, v.code(), node + ": modprobe drbd failed:\n" + v.out());
            assertTrue(v.out().contains("version: 8.4.11"), node + ": not kernel DRBD 8.4.11:\n" + v.out());
        }
    }

    @Test
    @Order(5)
    void replicationLinkWorksBothWaysAndCanBeCut() {
        assertPing("node1", REPL_NODE2, true);
        assertPing("node2", REPL_NODE1, true);

        lab.lab("cut-link");
        assertPing("node1", REPL_NODE2, false);
        assertPing("node2", REPL_NODE1, false);

        lab.lab("heal-link");
        assertPing("node1", REPL_NODE2, true);
        assertPing("node2", REPL_NODE1, true);
    }

    @Test
    @Order(6)
    void resetBringsBothNodesBackFresh() {
        long t0 = System.nanoTime();
        lab.lab("reset");
        timing("scripts/lab reset", t0);
        for (String node : NODES) {
            assertPackagesAbsent(node);
            LabHarness.Result blkid = ssh(node, "blkid -p /dev/vdb");
            assertEquals(2, blkid.code(), node + ": /dev/vdb not blank after reset:\n" + blkid.out());
            LabHarness.Result clock = ssh(node, "date +%s");
            assertEquals(0, clock.code(), clock.out());
            long skew = Math.abs(Long.parseLong(clock.out().trim()) - System.currentTimeMillis() / 1000);
            assertTrue(skew < 60, node + ": guest clock off by " + skew + " s after reset");
        }
    }

    private void assertPackagesAbsent(String node) {
        LabHarness.Result which = ssh(node, "command -v drbdadm");
        assertNotEquals(0, which.code(), node + ": drbdadm present: " + which.out());
        LabHarness.Result dpkg = ssh(node, "dpkg-query -W -f='${Status}' drbd-utils ocfs2-tools 2>/dev/null");
        assertTrue(!dpkg.out().contains("install ok installed"), node + ": packages installed: " + dpkg.out());
    }

    private void assertPing(String from, String to, boolean expectReachable) {
        // a few tries: ARP after a link change, a slow TCG guest
        int tries = expectReachable ? 5 : 1;
        LabHarness.Result r = null;
        for (int i = 0; i < tries; i++) {
            r = ssh(from, "ping -c1 -W3 " + to);
            if ((r.code() == 0) == expectReachable) {
                return;
            }
        }
        fail(from + " -> " + to + ": expected " + (expectReachable ? "reachable" : "unreachable") + ":\n" + r.out());
    }
}
