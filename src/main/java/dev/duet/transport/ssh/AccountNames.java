package dev.duet.transport.ssh;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User and group names by id, as {@code /etc/passwd} and {@code /etc/group} list them (the first line with
 * an id wins, as the C library's files lookup does). An id these files do not list (an LDAP or SSSD
 * account) has no name here: the caller asks the host's own {@code stat} instead.
 */
final class AccountNames {
    private final Map<Long, String> users;
    private final Map<Long, String> groups;

    private AccountNames(Map<Long, String> users, Map<Long, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    static AccountNames parse(byte[] passwd, byte[] group) {
        return new AccountNames(ids(passwd), ids(group));
    }

    /** {@code user:group} for the ids, when both are listed. */
    Optional<String> owner(long uid, long gid) {
        String u = users.get(uid);
        String g = groups.get(gid);
        return u == null || g == null ? Optional.empty() : Optional.of(u + ":" + g);
    }

    /** name:password:id:... per line; comments, blanks, NIS "+" lines and malformed lines are skipped. */
    private static Map<Long, String> ids(byte[] file) {
        Map<Long, String> out = new HashMap<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 4 || f[0].isEmpty() || f[0].startsWith("#") || f[0].startsWith("+") || f[0].startsWith("-")) {
                continue;
            }
            try {
                out.putIfAbsent(Long.parseLong(f[2].strip()), f[0]);
            } catch (NumberFormatException e) {
                // not an account line
            }
        }
        return out;
    }
}
