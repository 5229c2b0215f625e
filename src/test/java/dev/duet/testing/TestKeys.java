package dev.duet.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Test keys made with MINA's utilities (MINA cannot encode the JDK's own Ed25519 keys) and written in
 * OpenSSH format (SSHJ cannot read the JDK's PKCS#8 EC keys).
 */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair ed25519() {
        return generate("ssh-ed25519", 256);
    }

    public static KeyPair rsa() {
        return generate("ssh-rsa", 2048);
    }

    public static KeyPair ecdsa() {
        return generate("ecdsa-sha2-nistp256", 256);
    }

    public static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    /** Writes the private key in OpenSSH format, mode 0600, and the public key next to it (.pub). */
    public static Path writeOpenSsh(KeyPair key, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "duet-test", null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write key " + file, e);
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), publicLine(key.getPublic()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code ssh-ed25519 AAAA...}, as in authorized_keys and known_hosts. */
    public static String publicLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** {@code SHA256:...}, as ssh-keygen -l prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /** A known_hosts line for a host on 127.0.0.1 (bare on port 22, else {@code [127.0.0.1]:port}). */
    public static String knownHostsLine(String address, int port, PublicKey key) {
        String host = port == 22 ? address : "[" + address + "]:" + port;
        return host + " " + publicLine(key);
    }
}
