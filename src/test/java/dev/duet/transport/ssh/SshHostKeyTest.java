package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.testing.FakeSshHost;
import dev.duet.testing.TestKeys;
import dev.duet.transport.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostKeyTest {
    @TempDir
    Path tmp;
    private FakeSshHost host;

    @BeforeEach
    void start() {
        host = FakeSshHost.start("node1");
        host.on("true", 0, "");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private SshNode node(Path knownHosts, boolean acceptNew) {
        return new SshNode(host.endpoint(), host.sshOptions().withKnownHosts(knownHosts).withAcceptNewHostKeys(acceptNew));
    }

    private static Reason reason(Throwable e) {
        return ((DuetException) e).reason();
    }

    @Test
    void unknownHostIsRefusedWithoutAcceptNew() {
        Path knownHosts = tmp.resolve("known_hosts");

        assertThatThrownBy(() -> node(knownHosts, false).connect())
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.HOST_KEY))
                .hasMessageContaining("node1")
                .hasMessageContaining("ssh-ed25519")
                .hasMessageContaining(host.hostKeyFingerprint())
                .hasMessageContaining("--accept-new-host-keys");
        assertThat(knownHosts).doesNotExist();
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void unknownHostIsRecordedWithAcceptNewAndTrustedNextTime() throws Exception {
        Path knownHosts = tmp.resolve("sub/known_hosts");

        try (SshNode node = node(knownHosts, true).connect()) {
            assertThat(node.run(Command.probe("true")).exitCode()).isZero();
        }

        assertThat(Files.readAllLines(knownHosts)).containsExactly(host.knownHostsLine().strip());
        try (SshNode again = node(knownHosts, false).connect()) {
            assertThat(again.run(Command.probe("true")).exitCode()).isZero();
        }
    }

    @Test
    void acceptNewKeepsOtherEntries() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "# comment\nother.example ssh-ed25519 "
                + TestKeys.publicLine(TestKeys.ed25519().getPublic()).split(" ")[1]);

        node(knownHosts, true).connect().close();

        assertThat(Files.readAllLines(knownHosts)).hasSize(3).last().isEqualTo(host.knownHostsLine());
    }

    @Test
    void changedKeyIsRefusedEvenWithAcceptNew() throws Exception {
        KeyPair old = TestKeys.ed25519();
        Path knownHosts = tmp.resolve("known_hosts");
        String oldLine = TestKeys.knownHostsLine("127.0.0.1", host.port(), old.getPublic());
        Files.writeString(knownHosts, "# first line\n" + oldLine + "\n");

        assertThatThrownBy(() -> node(knownHosts, true).connect())
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.HOST_KEY))
                .hasMessageContaining("node1")
                .hasMessageContaining("CHANGED")
                .hasMessageContaining(TestKeys.fingerprint(old.getPublic()))
                .hasMessageContaining(host.hostKeyFingerprint())
                .hasMessageContaining(knownHosts + " line 2");
        assertThat(Files.readString(knownHosts)).isEqualTo("# first line\n" + oldLine + "\n");
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void keyOfAnotherTypeOnRecordCountsAsChanged() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, TestKeys.knownHostsLine("127.0.0.1", host.port(), rsa.getPublic()) + "\n");

        assertThatThrownBy(() -> node(knownHosts, true).connect())
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.HOST_KEY))
                .hasMessageContaining(TestKeys.fingerprint(rsa.getPublic()));
    }

    @Test
    void hashedKnownHostsEntryIsHonoured() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, hashed("[127.0.0.1]:" + host.port()) + " " + TestKeys.publicLine(host.hostKey().getPublic()) + "\n");

        try (SshNode node = node(knownHosts, false).connect()) {
            assertThat(node.run(Command.probe("true")).exitCode()).isZero();
        }
    }

    @Test
    void rsaHostKeyIsVerifiedWithSha2Signatures() throws Exception {
        try (FakeSshHost rsaHost = FakeSshHost.start("node2", TestKeys.rsa())) {
            rsaHost.on("true", 0, "");
            try (SshNode node = rsaHost.connect()) {
                assertThat(node.run(Command.probe("true")).exitCode()).isZero();
            }
        }
    }

    @Test
    void wrongClientKeyIsAnAuthFailure() {
        Path otherKey = TestKeys.writeOpenSsh(TestKeys.ed25519(), tmp.resolve("id_other"));

        assertThatThrownBy(() -> new SshNode(host.endpoint(), host.sshOptions().withIdentityFile(otherKey)).connect())
                .isInstanceOf(DuetException.class)
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.AUTH))
                .hasMessageContaining("node1")
                .hasMessageContaining("root");
    }

    private static String hashed(String hostField) throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
        byte[] h = mac.doFinal(hostField.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var b64 = java.util.Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(h);
    }
}
