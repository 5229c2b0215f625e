package dev.duet.testing;

import dev.duet.transport.ssh.SshNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link FakeSshHost} and an {@link SshNode} connected to it, started when the test instance is made;
 * as a {@code @RegisterExtension} field it closes both after each test.
 */
public final class ConnectedFakeHost implements AfterEachCallback {
    public final FakeSshHost host;
    public final SshNode node;

    public ConnectedFakeHost(String name) {
        host = FakeSshHost.start(name);
        node = host.connect();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        node.close();
        host.close();
    }
}
