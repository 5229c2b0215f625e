package dev.duet.transport.ssh;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.transport.kex.Curve25519SHA256;
import net.schmizz.sshj.transport.kex.ECDHNistP;

/**
 * SSHJ's defaults offer SHA-1 MACs first, legacy ciphers and the SHA-1 {@code ssh-rsa} signature; this
 * config offers only modern algorithms, so a downgrade is impossible rather than merely unlikely.
 * <p>
 * One config serves every connection of the process: SSHJ's {@code DefaultConfig} constructor tries each
 * of its ~30 ciphers and MACs against the JCE before this replaces them, ~1 ms of CPU per connection that
 * a run on a hundred hosts paid a hundred times. Sharing is what SSHJ designs for (its factories make a new
 * object per use; its one random source wraps a thread-safe {@code SecureRandom}); nothing here changes
 * the config after it is built ({@code SSHClient.useCompression} would, and Duet never calls it).
 */
final class SshAlgorithms {
    private static final DefaultConfig MODERN = build();

    private SshAlgorithms() {
    }

    static DefaultConfig modernConfig() {
        return MODERN;
    }

    private static DefaultConfig build() {
        DefaultConfig config = new DefaultConfig();
        config.setKeyExchangeFactories(List.of(
                new Curve25519SHA256.Factory(),
                new Curve25519SHA256.FactoryLibSsh(),
                new ECDHNistP.Factory521(),
                new ECDHNistP.Factory384(),
                new ECDHNistP.Factory256()));
        config.setCipherFactories(List.of(
                ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                GcmCiphers.AES256GCM(),
                GcmCiphers.AES128GCM()));
        config.setMACFactories(List.of(
                Macs.HMACSHA2512Etm(),
                Macs.HMACSHA2256Etm()));
        // No ssh-rsa (SHA-1) and no DSA: an RSA host key is still accepted, signed with SHA-2.
        config.setKeyAlgorithms(List.of(
                KeyAlgorithms.EdDSA25519(),
                KeyAlgorithms.ECDSASHANistp256(),
                KeyAlgorithms.ECDSASHANistp384(),
                KeyAlgorithms.ECDSASHANistp521(),
                KeyAlgorithms.RSASHA512(),
                KeyAlgorithms.RSASHA256()));
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        // a liveness check's expected refusal is not an error in the log (see KeepaliveRefusal)
        config.setLoggerFactory(KeepaliveRefusal.UNLOGGED);
        return config;
    }
}
