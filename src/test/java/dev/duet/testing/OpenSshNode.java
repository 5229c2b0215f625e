package dev.duet.testing;

import dev.duet.transport.ssh.SshNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real sshd ({@link OpenSshServer}) and one connected {@link SshNode} for a whole test class:
 * {@code @RegisterExtension static final OpenSshNode REAL = OpenSshNode.withSftp("real1");}.
 */
public final class OpenSshNode implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final boolean sftp;
    private OpenSshServer sshd;
    private SshNode node;

    private OpenSshNode(String name, boolean sftp) {
        this.name = name;
        this.sftp = sftp;
    }

    public static OpenSshNode withSftp(String name) {
        return new OpenSshNode(name, true);
    }

    /** The server has no {@code Subsystem sftp} line, so it refuses SFTP. */
    public static OpenSshNode withoutSftp(String name) {
        return new OpenSshNode(name, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sshd = sftp ? OpenSshServer.start(name) : OpenSshServer.startWithoutSftp(name);
        node = sshd.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    public OpenSshServer sshd() {
        return sshd;
    }

    public SshNode node() {
        return node;
    }
}
