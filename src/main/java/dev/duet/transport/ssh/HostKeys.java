package dev.duet.transport.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key wire encoding and OpenSSH-style {@code SHA256:} fingerprints (what `ssh-keygen -lf` prints). */
final class HostKeys {
    private HostKeys() {
    }

    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    static String fingerprint(PublicKey key) {
        return fingerprint(blob(key));
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String type(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** One known_hosts line for the key, as OpenSSH's accept-new writes it (unhashed). */
    static String knownHostsLine(String hostField, PublicKey key) {
        return hostField + " " + type(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }
}
