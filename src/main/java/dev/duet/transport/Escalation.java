package dev.duet.transport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a host's commands and file operations run as: the login user ({@link #NONE}), root through sudo
 * ({@link #ROOT}), or another user through {@code sudo -u} (Ansible's {@code become_user}). A user name
 * is a POSIX portable name, checked here as well as where the playbook is read, and it always travels
 * as one quoted word.
 */
public record Escalation(boolean become, String user) {
    /** POSIX portable user names: letters, digits, '.', '_', '-' (not first), at most 32 characters. */
    public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");
    public static final Escalation NONE = new Escalation(false, null);
    public static final Escalation ROOT = new Escalation(true, "root");

    public Escalation {
        if (become) {
            user = user == null ? "root" : user;
            if (!USER_NAME.matcher(user).matches()) {
                throw new IllegalArgumentException("not a user name: '" + user + "'");
            }
        } else {
            user = null;
        }
    }

    /** Without become the user is not used, as in Ansible ({@code become_user} alone has no effect). */
    public static Escalation of(boolean become, String user) {
        return become ? new Escalation(true, user) : NONE;
    }

    public boolean toRoot() {
        return become && "root".equals(user);
    }

    /** The sudo words before a command: {@code sudo -n --} for root, {@code sudo -n -u USER --} otherwise. */
    public List<String> sudo() {
        return toRoot() ? List.of("sudo", "-n", "--") : List.of("sudo", "-n", "-u", user, "--");
    }

    @Override
    public String toString() {
        return become ? "become " + user : "no become";
    }
}
