package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.SilentHost;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host that accepts the TCP connection and never speaks SSH is unreachable after the connect timeout. */
class SshHandshakeDeadlineTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentPortIsUnreachableAfterTheConnectTimeoutInsteadOfHangingTheRun() {
        try (SilentHost silent = SilentHost.start(); FakeSshHost real = FakeSshHost.start("node1")) {
            SshOptions options = real.sshOptions().withConnectTimeout(Duration.ofSeconds(1));
            SshNode node = new SshNode(new SshEndpoint("node1", "127.0.0.1", silent.port(), "root"), options);

            assertThatThrownBy(node::connect).isInstanceOfSatisfying(DuetException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                assertThat(e.getMessage()).contains("node1: cannot connect to 127.0.0.1:" + silent.port(),
                        "no SSH handshake within 1 s");
            });
            assertThat(silent.accepted()).as("the TCP connection was made; the server said nothing").isEqualTo(1);
            node.close();
        }
    }

    @Test
    void aHandshakeThatCompletesIsNotCutOffLaterByTheDeadline() throws Exception {
        try (FakeSshHost host = FakeSshHost.start("node1")) {
            host.on("true", 0, "");
            SshNode node = new SshNode(host.endpoint(), host.sshOptions().withConnectTimeout(Duration.ofSeconds(1)))
                    .connect();
            // idle past the deadline: the connection must still be the one made
            Thread.sleep(1_500);
            assertThat(node.run(dev.duet.transport.Command.probe("true")).ok()).isTrue();
            assertThat(host.sessions()).isEqualTo(1);
            node.close();
        }
    }
}
