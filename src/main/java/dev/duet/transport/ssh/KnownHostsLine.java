package dev.duet.transport.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One known_hosts line as OpenSSH's sshd_config(5) describes it: an optional marker ({@code @revoked},
 * {@code @cert-authority}), the host field, the key type and the base64 key. A line whose key cannot be
 * read keeps its host field and the reason, so a line meant for a host is never mistaken for no line.
 */
record KnownHostsLine(int number, Marker marker, String hosts, String type, byte[] blob, String problem) {
    enum Marker { NONE, REVOKED, CERT_AUTHORITY }

    boolean readable() {
        return problem == null;
    }

    boolean appliesTo(String host) {
        return hosts != null && HostPatterns.matches(hosts, host);
    }

    boolean sameKey(byte[] presented) {
        return readable() && Arrays.equals(blob, presented);
    }

    /** Parses one non-blank, non-comment line (already stripped). */
    static KnownHostsLine parse(int number, String raw) {
        String[] f = raw.split("\\s+");
        int i = 0;
        Marker marker = Marker.NONE;
        if (f[0].startsWith("@")) {
            switch (f[0]) {
                case "@revoked" -> marker = Marker.REVOKED;
                case "@cert-authority" -> marker = Marker.CERT_AUTHORITY;
                default -> {
                    return bad(number, f.length > 1 ? f[1] : null, "unknown marker " + f[0]);
                }
            }
            i = 1;
        }
        String hosts = f.length > i ? f[i] : null;
        if (hosts != null && hosts.startsWith("|") && !HostPatterns.validHashed(hosts)) {
            return bad(number, null, "malformed hashed host name");
        }
        if (f.length < i + 3) {
            return bad(number, hosts, "expected host names, key type and key");
        }
        String type = f[i + 1];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(f[i + 2]);
        } catch (IllegalArgumentException e) {
            return bad(number, hosts, "the key is not base64");
        }
        String inner = blobType(blob);
        if (!type.equals(inner)) {
            return bad(number, hosts, "the key is " + (inner == null ? "not an SSH key" : "of type " + inner)
                    + ", the line says " + type);
        }
        return new KnownHostsLine(number, marker, hosts, type, blob, null);
    }

    private static KnownHostsLine bad(int number, String hosts, String problem) {
        return new KnownHostsLine(number, Marker.NONE, hosts, null, null, problem);
    }

    /** The type name an SSH public key blob starts with (a uint32 length, then the name), or null. */
    private static String blobType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int n = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (n <= 0 || n > 64 || n > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, n, StandardCharsets.US_ASCII);
    }
}
