package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.FakeSshHost;
import org.junit.jupiter.api.Test;

class SshConnectionNoDelayTest {
    @Test
    void theSessionSocketSendsSmallPacketsWithoutWaitingForAcks() throws Exception {
        try (FakeSshHost host = FakeSshHost.start("node1");
             SshConnection connection = new SshConnection(host.endpoint(), host.sshOptions())) {
            assertThat(connection.client().getSocket().getTcpNoDelay()).isTrue();
        }
    }
}
