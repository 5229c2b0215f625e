package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication address given for node2 is not one of its addresses, so `drbdadm up` fails there and
 * drbdadm, as it does, prints the whole drbdsetup command line, `--shared-secret=...` included. Duet puts
 * that stderr into the failure: the secret must not be in the human output, the JSON events or stderr.
 */
class SecretRedactionOverSshTest {
    private static final String SECRET = "Pa1r-Secret-never-shown";
    private static final String PLAYBOOK = """
            - name: Pair
              hosts: pair
              tasks:
                - name: Describe the resource
                  drbd_resource:
                    resource: r0
                    device: /dev/drbd0
                    disk: /dev/vdb
                    secret_file: %s
                    nodes:
                      - {name: node1, address: 10.99.0.1}
                      - {name: node2, address: 10.99.0.9}
                - name: Bring it up
                  drbd_up:
                    resource: r0
                    wait: false
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    private static void drbdInstalled(FakeSshHost h) {
        h.on("uname -n", 0, h.name() + "\n");
        h.on("cat /proc/drbd", 0, "version: 8.4.11 (api:1/proto:86-101)\n");
        h.on("drbdadm --version", 0, "DRBDADM_VERSION=9.22.0\nDRBD_KERNEL_VERSION_CODE=0x08040b\n");
        h.on("drbdsetup status", 10, "", "r0: No such resource\n");
        h.on("drbdadm up r0", 0, "");
    }

    /** What drbdadm 9.22 prints when drbdsetup-84 cannot bind the local replication address. */
    private static String connectFailure(String secret) {
        return "r0: Failure: (102) Local address(port) already in use.\n"
                + "Command 'drbdsetup-84 connect r0 ipv4:10.99.0.9:7789 ipv4:10.99.0.1:7789 --protocol=C"
                + " --shared-secret=" + secret + " --cram-hmac-alg=sha1' terminated with exit code 10\n";
    }

    @Test
    void aFailingDrbdadmThatEchoesTheSecretLeaksItNowhere() throws Exception {
        pair.both().forEach(SecretRedactionOverSshTest::drbdInstalled);
        pair.node2.on("drbdadm up r0", 10, "", connectFailure(SECRET));
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Path inv = pair.inventory(dir);
        Path pb = Files.writeString(dir.resolve("site.yml"), PLAYBOOK.formatted(secretFile));

        for (String format : new String[] {"--diff", "--json"}) {
            CliRun run = CliRun.of("apply", "-i", inv.toString(), format, pb.toString());

            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).as("the failure is reported").contains("Local address(port) already in use")
                    .contains("--shared-secret=<secret not shown>");
            assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(SECRET);
        }
        assertThat(pair.node1.fileText("/etc/drbd.d/r0.res")).as("the file itself holds it").contains(SECRET);
    }
}
