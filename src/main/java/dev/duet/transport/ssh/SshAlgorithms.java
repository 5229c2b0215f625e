package dev.duet.transport.ssh;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.kex.Curve25519SHA256;
import net.schmizz.sshj.transport.kex.ECDHNistP;

/**
 * SSHJ's defaults offer SHA-1 MACs first, legacy ciphers and the SHA-1 {@code ssh-rsa} signature; this
 * config offers only modern algorithms, so a downgrade is impossible rather than merely unlikely.
 * <p>
 * One config serves every connection of the process: SSHJ's {@code DefaultConfig} constructor tries each
 * cipher it offers against the JCE, ~1 ms of CPU per connection that a run on a hundred hosts paid a hundred
 * times. Sharing is what SSHJ designs for (its factories make a new object per use; its one random source
 * wraps a thread-safe {@code SecureRandom}); nothing here changes the config after it is built
 * ({@code SSHClient.useCompression} would, and Duet never calls it).
 * <p>
 * The config's own lists are set where {@code DefaultConfig} would set its defaults (its {@code init}
 * methods), not after: its constructor tried ~30 ciphers (Blowfish, Serpent, Twofish, RC4...) to drop the ones
 * the JCE lacks, and threw the result away: ~15-25 ms of a cold run's CPU (async-profiler, one pair of
 * scripted hosts; the rest of building the config, ~95 ms, is BouncyCastle's provider registering its
 * algorithms, which SSHJ needs). The same trial, and the same rule (a cipher that cannot be initialised is
 * not offered), now covers the three ciphers offered.
 */
final class SshAlgorithms {
    private static final DefaultConfig MODERN = build();

    private SshAlgorithms() {
    }

    static DefaultConfig modernConfig() {
        return MODERN;
    }

    private static DefaultConfig build() {
        DefaultConfig config = new Modern();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        // a liveness check's expected refusal is not an error in the log (see KeepaliveRefusal)
        config.setLoggerFactory(KeepaliveRefusal.UNLOGGED);
        return config;
    }

    /** The ciphers of {@code offered} that the JCE can initialise, in order: DefaultConfig's own trial. */
    static List<Factory.Named<Cipher>> usable(List<Factory.Named<Cipher>> offered) {
        List<Factory.Named<Cipher>> usable = new ArrayList<>();
        for (Factory.Named<Cipher> factory : offered) {
            try {
                Cipher cipher = factory.create();
                cipher.init(Cipher.Mode.Encrypt, new byte[cipher.getBlockSize()], new byte[cipher.getIVSize()]);
                usable.add(factory);
            } catch (RuntimeException unusable) {
                // not offered, as DefaultConfig drops it
            }
        }
        return usable;
    }

    /** DefaultConfig with Duet's lists in place of its defaults (the constructor calls these). */
    private static final class Modern extends DefaultConfig {
        @Override
        protected void initKeyExchangeFactories() {
            setKeyExchangeFactories(List.of(
                    new Curve25519SHA256.Factory(),
                    new Curve25519SHA256.FactoryLibSsh(),
                    new ECDHNistP.Factory521(),
                    new ECDHNistP.Factory384(),
                    new ECDHNistP.Factory256()));
        }

        @Override
        protected void initCipherFactories() {
            setCipherFactories(usable(List.of(
                    ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                    GcmCiphers.AES256GCM(),
                    GcmCiphers.AES128GCM())));
        }

        @Override
        protected void initMACFactories() {
            setMACFactories(List.of(
                    Macs.HMACSHA2512Etm(),
                    Macs.HMACSHA2256Etm()));
        }

        @Override
        protected void initKeyAlgorithms() {
            // No ssh-rsa (SHA-1) and no DSA: an RSA host key is still accepted, signed with SHA-2.
            setKeyAlgorithms(List.of(
                    KeyAlgorithms.EdDSA25519(),
                    KeyAlgorithms.ECDSASHANistp256(),
                    KeyAlgorithms.ECDSASHANistp384(),
                    KeyAlgorithms.ECDSASHANistp521(),
                    KeyAlgorithms.RSASHA512(),
                    KeyAlgorithms.RSASHA256()));
        }
    }
}
