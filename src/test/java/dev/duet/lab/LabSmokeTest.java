package dev.duet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * <p>Uses the system {@code ssh} with the config printed by {@code scripts/lab ssh-config} (strict host
 * key checking against the lab's known_hosts), one connection per command. The config goes through a
 * temporary file: OpenSSH closes inherited descriptors before it reads {@code -F}, so
 * {@code ssh -F <(scripts/lab ssh-config)} cannot work.
 */
@Tag("lab")
@org.junit.jupiter.api.extension.ExtendWith(LabLock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSmokeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path LAB = ROOT.resolve("scripts/lab");
    private static final List<String> NODES = List.of("node1", "node2");
    private static final String REPL_NODE1 = "192.168.77.1";
    private static final String REPL_NODE2 = "192.168.77.2";

    private Path sshConfig;

    record Result(int code, String out) {}

    /** A started process whose merged output is echoed (prefixed) and collected. */
    static final class Proc {
        private final Process process;
        private final StringBuilder out = new StringBuilder();
        private final Thread reader;
        private final List<String> command;

        Proc(String label, List<String> command) {
            this.command = command;
            try {
                process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + command + ": " + e, e);
            }
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // stdin unused; nothing to close
            }
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (out) {
                            out.append(line).append('\n');
                        }
                        System.out.println("[" + label + "] " + line);
                    }
                } catch (IOException ignored) {
                    // process went away
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    reader.join(5000);
                    fail("timed out after " + timeout + ": " + command + "\n" + text());
                }
                reader.join(10000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return new Result(process.exitValue(), text());
        }

        private String text() {
            synchronized (out) {
                return out.toString();
            }
        }
    }

    private static Result lab(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAB.toString());
        cmd.addAll(List.of(args));
        return new Proc("lab " + String.join(" ", args), cmd).await(timeout);
    }

    private Proc sshStart(String node, String command) {
        return new Proc(node, List.of("ssh", "-F", sshConfig.toString(), node, command));
    }

    private Result ssh(String node, String command) {
        return sshStart(node, command).await(Duration.ofMinutes(5));
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void timing(String what, long t0) {
        System.out.printf("[lab timing] %s: %.1f s%n", what, secondsSince(t0));
    }

    @BeforeAll
    void startLab() throws IOException {
        if (!Files.isExecutable(LAB)) {
            fail("LAB TIER FAILED: " + LAB + " is missing or not executable");
        }
        long t0 = System.nanoTime();
        Result up = lab(Duration.ofMinutes(60), "up");
        timing("scripts/lab up", t0);
        if (up.code() != 0) {
            fail("LAB TIER FAILED: `scripts/lab up` exited " + up.code()
                    + " — the VMs could not be started (QEMU missing or failing?). Output:\n" + up.out());
        }
        // start from the fresh state whatever ran against the VMs before
        t0 = System.nanoTime();
        Result reset = lab(Duration.ofMinutes(20), "reset");
        timing("scripts/lab reset (before)", t0);
        assertEquals(0, reset.code(), "LAB TIER FAILED: `scripts/lab reset` failed:\n" + reset.out());

        Result cfg = lab(Duration.ofMinutes(1), "ssh-config");
        assertEquals(0, cfg.code(), "scripts/lab ssh-config failed:\n" + cfg.out());
        assertTrue(cfg.out().contains("Host node1") && cfg.out().contains("Host node2"), cfg.out());
        sshConfig = Files.createTempFile("duet-lab-ssh", ".config");
        sshConfig.toFile().deleteOnExit();
        Files.writeString(sshConfig, cfg.out());
    }

    @Test
    @Order(1)
    void bothNodesAnswerSshWithStrictHostKeys() {
        for (String node : NODES) {
            long t0 = System.nanoTime();
            Result r = ssh(node, "hostname");
            timing("ssh " + node + " hostname (new connection)", t0);
            assertEquals(0, r.code(), node + ": ssh failed:\n" + r.out());
            assertEquals(node, r.out().trim(), node + ": unexpected hostname");
        }
    }

    @Test
    @Order(2)
    void drbdDiskIsBlank() {
        for (String node : NODES) {
            Result size = ssh(node, "blockdev --getsize64 /dev/vdb");
            assertEquals(0, size.code(), node + ": /dev/vdb missing:\n" + size.out());
            assertTrue(Long.parseLong(size.out().trim()) > 0, node + ": /dev/vdb is empty-sized");
            // blkid -p exits 2 when it finds no signature at all
            Result blkid = ssh(node, "blkid -p /dev/vdb");
            assertEquals(2, blkid.code(), node + ": /dev/vdb carries a signature:\n" + blkid.out());
            Result zeros = ssh(node, "head -c 1048576 /dev/vdb | tr -d '\\000' | wc -c");
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
        List<Proc> installs = new ArrayList<>();
        for (String node : NODES) {
            installs.add(sshStart(node, "apt-get update -q && "
                    + "DEBIAN_FRONTEND=noninteractive apt-get install -y -q drbd-utils && drbdadm --version"));
        }
        for (int i = 0; i < NODES.size(); i++) {
            Result r = installs.get(i).await(Duration.ofMinutes(15));
            assertEquals(0, r.code(), NODES.get(i) + ": apt-get install drbd-utils failed:\n" + r.out());
            assertTrue(r.out().contains("10.0.2.100"), NODES.get(i) + ": not fetched from the local repo:\n" + r.out());
            assertTrue(r.out().contains("DRBDADM_VERSION="), r.out());
        }
        timing("apt-get update + install drbd-utils (both nodes at once)", t0);
        for (String node : NODES) {
            Result v = ssh(node, "modprobe drbd && head -n1 /proc/drbd");
            assertEquals(0, v.code(), node + ": modprobe drbd failed:\n" + v.out());
            assertTrue(v.out().contains("version: 8.4.11"), node + ": not kernel DRBD 8.4.11:\n" + v.out());
        }
    }

    @Test
    @Order(5)
    void replicationLinkWorksBothWaysAndCanBeCut() {
        assertPing("node1", REPL_NODE2, true);
        assertPing("node2", REPL_NODE1, true);

        Result cut = lab(Duration.ofMinutes(2), "cut-link");
        assertEquals(0, cut.code(), cut.out());
        assertPing("node1", REPL_NODE2, false);
        assertPing("node2", REPL_NODE1, false);

        Result heal = lab(Duration.ofMinutes(2), "heal-link");
        assertEquals(0, heal.code(), heal.out());
        assertPing("node1", REPL_NODE2, true);
        assertPing("node2", REPL_NODE1, true);
    }

    @Test
    @Order(6)
    void resetBringsBothNodesBackFresh() {
        long t0 = System.nanoTime();
        Result reset = lab(Duration.ofMinutes(20), "reset");
        timing("scripts/lab reset", t0);
        assertEquals(0, reset.code(), "scripts/lab reset failed:\n" + reset.out());
        for (String node : NODES) {
            assertPackagesAbsent(node);
            Result blkid = ssh(node, "blkid -p /dev/vdb");
            assertEquals(2, blkid.code(), node + ": /dev/vdb not blank after reset:\n" + blkid.out());
            Result clock = ssh(node, "date +%s");
            assertEquals(0, clock.code(), clock.out());
            long skew = Math.abs(Long.parseLong(clock.out().trim()) - System.currentTimeMillis() / 1000);
            assertTrue(skew < 60, node + ": guest clock off by " + skew + " s after reset");
        }
    }

    private void assertPackagesAbsent(String node) {
        Result which = ssh(node, "command -v drbdadm");
        assertNotEquals(0, which.code(), node + ": drbdadm present: " + which.out());
        Result dpkg = ssh(node, "dpkg-query -W -f='${Status}' drbd-utils ocfs2-tools 2>/dev/null");
        assertTrue(!dpkg.out().contains("install ok installed"), node + ": packages installed: " + dpkg.out());
    }

    private void assertPing(String from, String to, boolean expectReachable) {
        // a few tries: ARP after a link change, a slow TCG guest
        int tries = expectReachable ? 5 : 1;
        Result r = null;
        for (int i = 0; i < tries; i++) {
            r = ssh(from, "ping -c1 -W3 " + to);
            if ((r.code() == 0) == expectReachable) {
                return;
            }
        }
        fail(from + " -> " + to + ": expected " + (expectReachable ? "reachable" : "unreachable") + ":\n" + r.out());
    }
}
