package dev.duet.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;

class SshAlgorithmsTest {
    private static List<String> names(List<? extends Factory.Named<?>> factories) {
        return factories.stream().map(Factory.Named::getName).toList();
    }

    @Test
    void offersOnlyTheModernAlgorithmsInOrder() {
        DefaultConfig config = SshAlgorithms.modernConfig();
        assertThat(names(config.getKeyExchangeFactories())).containsExactly("curve25519-sha256",
                "curve25519-sha256@libssh.org", "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256");
        assertThat(names(config.getCipherFactories())).containsExactly("chacha20-poly1305@openssh.com",
                "aes256-gcm@openssh.com", "aes128-gcm@openssh.com");
        assertThat(names(config.getMACFactories())).containsExactly("hmac-sha2-512-etm@openssh.com",
                "hmac-sha2-256-etm@openssh.com");
        assertThat(names(config.getKeyAlgorithms())).containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256",
                "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");
    }

    @Test
    void aCipherTheJceCannotInitialiseIsNotOffered() {
        Factory.Named<Cipher> broken = new Factory.Named<>() {
            @Override
            public Cipher create() {
                throw new IllegalArgumentException("no such cipher in this JCE");
            }

            @Override
            public String getName() {
                return "broken@example";
            }
        };
        assertThat(names(SshAlgorithms.usable(List.of(broken, GcmCiphers.AES128GCM()))))
                .containsExactly("aes128-gcm@openssh.com");
    }
}
