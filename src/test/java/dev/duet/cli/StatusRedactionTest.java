package dev.duet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code duet status} prints what hosts say, and drbdadm echoes the shared secret when drbdsetup fails:
 * status output, table and JSON, passes the same redaction as apply and plan.
 */
class StatusRedactionTest {
    private static final String SECRET = "Pa1r-Secret-never-shown";
    private static final String ECHO = "Command 'drbdsetup-84 connect r0 ipv4:10.99.0.9:7789 ipv4:10.99.0.1:7789"
            + " --protocol=C --shared-secret=" + SECRET + " --cram-hmac-alg=sha1' terminated with exit code 10";

    @TempDir
    Path dir;
    @RegisterExtension
    final FakePair pair = new FakePair();

    @Test
    void aHostWhoseProbesEchoTheSecretLeaksItNowhere() {
        pair.both().forEach(h -> {
            h.on("cat /proc/drbd", 1, "", ECHO + "\n");
            h.on("drbdadm --version", 1, "", ECHO + "\n");
            h.on("drbdsetup ", 10, "", ECHO + "\n");
            h.on("drbdadm status", 10, "", ECHO + "\n");
            h.on("cat /proc/self/mounts", 1, "", ECHO + "\n");
        });
        for (String format : new String[] {"--json", "--table"}) {
            CliRun run = format.equals("--json") ? CliRun.of("status", "-i", pair.inventory(dir).toString(), "--json")
                    : CliRun.of("status", "-i", pair.inventory(dir).toString());

            assertThat(run.out() + run.err()).as(run.toString()).contains("exit code 10").doesNotContain(SECRET);
        }
    }
}
