package dev.duet.transport.ssh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host field of a known_hosts line, matched as OpenSSH's match_hostname() and hostfile.c do: a comma
 * list of patterns with {@code *} and {@code ?}, case-insensitive, where a matching {@code !pattern}
 * excludes the host whatever else matches; or a hashed {@code |1|salt|hmac} entry.
 */
final class HostPatterns {
    private HostPatterns() {
    }

    /** True if {@code field} (patterns or a hashed entry) names {@code host} ("name" or "[name]:port"). */
    static boolean matches(String field, String host) {
        if (field.startsWith("|1|")) {
            return hashedMatches(field, host);
        }
        String h = host.toLowerCase(Locale.ROOT);
        boolean positive = false;
        for (String pattern : field.split(",")) {
            boolean negated = pattern.startsWith("!");
            String p = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (wildcard(h, 0, p, 0)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** True if {@code field} is a hashed entry whose salt and hash decode. */
    static boolean validHashed(String field) {
        String[] parts = field.split("\\|", -1);
        try {
            return parts.length == 4 && Base64.getDecoder().decode(parts[2]).length > 0
                    && Base64.getDecoder().decode(parts[3]).length == 20;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hashedMatches(String field, String host) {
        if (!validHashed(field)) {
            return false;
        }
        String[] parts = field.split("\\|", -1);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(parts[2]), "HmacSHA1"));
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** match.c's match_pattern: '*' any run of characters, '?' exactly one. */
    private static boolean wildcard(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (wildcard(s, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || c != '?' && c != s.charAt(si)) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }
}
