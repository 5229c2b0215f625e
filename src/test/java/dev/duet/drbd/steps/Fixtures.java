package dev.duet.drbd.steps;

import dev.duet.drbd.wait.StatusCommandSource;
import dev.duet.drbd.wait.WaitOptions;
import dev.duet.testing.Captures;
import dev.duet.testing.ScriptedNode;
import java.time.Duration;
import java.util.Map;

/** Scripted lab nodes for step tests: short waits, real capture texts as replies. */
final class Fixtures {
    static final String STATUS = "drbdsetup status r0 --verbose --statistics";
    static final String VERSIONS = "DRBDADM_VERSION=9.22.0\nDRBD_KERNEL_VERSION_CODE=0x08040b\n";

    private Fixtures() {
    }

    static DrbdEnv env() {
        var waits = new WaitOptions(Duration.ofSeconds(2), null, Duration.ofMillis(10), Duration.ofMillis(50));
        return new DrbdEnv(StatusCommandSource::of, waits, Map.of("DRBD_SECRET", "s3cr3t-Value"));
    }

    /** A node running DRBD 8.4.11 whose status is the named capture (or down when null). */
    static ScriptedNode node(String name, String statusCapture) {
        var n = new ScriptedNode(name);
        if (statusCapture == null) {
            n.on(STATUS, 10, "", "r0: No such resource");
        } else {
            n.on(STATUS, 0, Captures.output(statusCapture));
        }
        return n.on("cat /proc/drbd", 0, "version: 8.4.11 (api:1/proto:86-101)\n")
                .on("drbdadm --version", 0, VERSIONS)
                .on("uname -n", 0, name + "\n");
    }
}
