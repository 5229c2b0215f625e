package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.FakeSshHost;
import dev.duet.transport.Command;
import dev.duet.transport.ReadOnlyGuard;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshReadOnlyGuardTest {
    @Test
    void checkModeRefusesMutationsAndNothingReachesTheHost() {
        try (FakeSshHost host = FakeSshHost.start("node1");
             ReadOnlyGuard guarded = new ReadOnlyGuard(host.connect(), true)) {
            host.on("dpkg-query", 0, "install ok installed\n");
            host.on("apt-get", 0, "");

            assertThat(guarded.run(Command.probe("dpkg-query", "-W", "drbd-utils")).exitCode()).isZero();
            assertThatThrownBy(() -> guarded.run(Command.change("apt-get", "install", "-y", "drbd-utils")))
                    .isInstanceOf(DuetException.class)
                    .satisfies(e -> assertThat(((DuetException) e).reason()).isEqualTo(Reason.CHECK_MODE_VIOLATION));
            assertThatThrownBy(() -> guarded.writeFile("/etc/drbd.d/r0.res", "x".getBytes(StandardCharsets.UTF_8), "0644", null))
                    .isInstanceOf(DuetException.class);

            assertThat(host.commands()).containsExactly("dpkg-query -W drbd-utils");
            assertThat(host.path("/etc/drbd.d/r0.res")).doesNotExist();
        }
    }
}
