package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts read as OpenSSH reads it: markers, negated patterns, and lines it cannot parse. */
class KnownHostsMarkersTest {
    @TempDir
    Path tmp;
    final PublicKey key = TestKeys.ed25519().getPublic();
    final String keyText = TestKeys.publicLine(key);

    private Path file(String text) throws Exception {
        return Files.writeString(tmp.resolve("known_hosts"), text);
    }

    private KnownHostsVerifier verifier(Path file, boolean acceptNew) {
        return new KnownHostsVerifier("node1", file, acceptNew);
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhenAnotherLineListsIt() throws Exception {
        Path f = file("node1.example " + keyText + "\n@revoked * " + keyText + "\n");
        KnownHostsVerifier v = verifier(f, true);

        assertThat(v.verify("node1.example", 22, key)).isFalse();
        assertThat(v.rejection()).hasMessageContaining("REVOKED").hasMessageContaining(f + " line 2");
        assertThat(Files.readString(f)).isEqualTo("node1.example " + keyText + "\n@revoked * " + keyText + "\n");
    }

    @Test
    void aRevokedLineForAnotherHostDoesNotApply() throws Exception {
        Path f = file("node1.example " + keyText + "\n@revoked other.example " + keyText + "\n");

        assertThat(verifier(f, false).verify("node1.example", 22, key)).isTrue();
    }

    @Test
    void aCertAuthorityLineIsNotAPlainHostKey() throws Exception {
        Path f = file("@cert-authority node1.example " + keyText + "\n");
        KnownHostsVerifier v = verifier(f, false);

        assertThat(v.verify("node1.example", 22, key)).isFalse();
        assertThat(v.rejection()).hasMessageContaining("unknown");
        assertThat(v.findExistingAlgorithms("node1.example", 22)).isEmpty();
    }

    @Test
    void aCertAuthorityLineWithAnotherKeyIsNotAChange() throws Exception {
        PublicKey ca = TestKeys.ed25519().getPublic();
        Path f = file("@cert-authority node1.example " + TestKeys.publicLine(ca) + "\n");
        KnownHostsVerifier v = verifier(f, true);

        assertThat(v.verify("node1.example", 22, key)).isTrue();
        assertThat(Files.readAllLines(f)).hasSize(2);
    }

    @Test
    void aNegatedPatternExcludesTheHost() throws Exception {
        Path f = file("!node1.example,*.example " + keyText + "\n");

        KnownHostsVerifier excluded = verifier(f, false);
        assertThat(excluded.verify("node1.example", 22, key)).isFalse();
        assertThat(excluded.rejection()).hasMessageContaining("unknown");
        assertThat(verifier(f, false).verify("node2.example", 22, key)).isTrue();
    }

    @Test
    void aNegatedPatternExcludesAChangedKeyToo() throws Exception {
        PublicKey other = TestKeys.ed25519().getPublic();
        Path f = file("!node1.example,*.example " + TestKeys.publicLine(other) + "\nnode1.example " + keyText + "\n");

        assertThat(verifier(f, false).verify("node1.example", 22, key)).isTrue();
    }

    @Test
    void wildcardsAndPortsMatchAsInOpenSsh() throws Exception {
        Path f = file("[node?.EXAMPLE]:2222 " + keyText + "\n");

        assertThat(verifier(f, false).verify("node1.example", 2222, key)).isTrue();
        assertThat(verifier(f, false).verify("node1.example", 22, key)).isFalse();
    }

    @Test
    void anUnparseableLineForTheHostStopsAcceptNew() throws Exception {
        Path f = file("# keys\nnode1.example ssh-ed25519 AAAA-not-base64!!\n");
        KnownHostsVerifier v = verifier(f, true);

        assertThat(v.verify("node1.example", 22, key)).isFalse();
        assertThat(v.rejection()).hasMessageContaining(f + " line 2").hasMessageContaining("cannot be read");
        assertThat(Files.readAllLines(f)).hasSize(2);
    }

    @Test
    void aTruncatedLineForTheHostStopsAcceptNew() throws Exception {
        Path f = file("node1.example ssh-ed25519\n");

        assertThat(verifier(f, true).verify("node1.example", 22, key)).isFalse();
        assertThat(Files.readAllLines(f)).hasSize(1);
    }

    @Test
    void aKeyWhoseBlobDisagreesWithItsTypeIsUnparseable() throws Exception {
        String rsaBlob = TestKeys.publicLine(TestKeys.rsa().getPublic()).split(" ")[1];
        Path f = file("node1.example ssh-ed25519 " + rsaBlob + "\n");

        assertThat(verifier(f, true).verify("node1.example", 22, key)).isFalse();
        assertThat(Files.readAllLines(f)).hasSize(1);
    }

    @Test
    void anUnparseableLineForAnotherHostDoesNotMatter() throws Exception {
        Path f = file("other.example ssh-ed25519 AAAA-not-base64!!\n");

        assertThat(verifier(f, true).verify("node1.example", 22, key)).isTrue();
        assertThat(Files.readAllLines(f)).hasSize(2);
    }
}
