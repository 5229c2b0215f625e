package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Inventory values end up in SSH connections and commands, so they are checked at load time, where
 * the error can still name the file and line: plain host and group names, a hostname or IP address
 * in {@code ansible_host}, a port number in {@code ansible_port}, a boolean in {@code ansible_become}.
 */
final class HostValidation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern HOSTNAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private HostValidation() {
    }

    static boolean isPlainName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static void name(String kind, String name, Path file, int line, int column) {
        if (!isPlainName(name)) {
            throw new InputException(file, line, column,
                    "expected a plain " + kind + " name (letters, digits, _ . -), got '" + name + "'");
        }
    }

    /** Checks the variables whose values Duet uses to connect; others are free-form. */
    static void var(String key, Object value, Path file, int line, int column) {
        switch (key) {
            case "ansible_password", "ansible_ssh_pass", "ansible_ssh_password", "ansible_become_pass",
                 "ansible_become_password", "ansible_sudo_pass" -> throw new InputException(file, line, column,
                    key + " is set, but Duet logs in with SSH keys only and becomes root with passwordless sudo;"
                            + " remove it (use ansible_ssh_private_key_file and a NOPASSWD sudo rule)");
            case "ansible_host", "ansible_ssh_host" -> {
                String v = String.valueOf(value);
                if (value == null || !(HOSTNAME.matcher(v).matches() || IPV6.matcher(v).matches())) {
                    throw new InputException(file, line, column,
                            "expected " + key + " to be a hostname or IP address, got '" + value + "'");
                }
            }
            case "ansible_port", "ansible_ssh_port" -> port(value, file, line, column);
            case "ansible_become" -> {
                // a template is decided where the play renders it (Become); anything else must be a boolean now
                boolean templated = value instanceof String s && (s.contains("{{") || s.contains("{%"));
                if (!templated && AnsibleBoolean.of(value).isEmpty()) {
                    throw new InputException(file, line, column, "expected ansible_become to be "
                            + AnsibleBoolean.expected() + ", got '" + value + "'");
                }
            }
            default -> {
            }
        }
    }

    /** {@code ansible_group_priority}, a whole number as Ansible's int(). */
    static int priority(Object value, Path file, int line, int column) {
        String v = String.valueOf(value).strip();
        if (value instanceof Integer n) {
            return n;
        }
        if (v.matches("[-+]?[0-9]{1,9}")) {
            return Integer.parseInt(v);
        }
        throw new InputException(file, line, column,
                "expected ansible_group_priority to be a whole number, got '" + value + "'");
    }

    private static void port(Object value, Path file, int line, int column) {
        String v = String.valueOf(value).trim();
        if (v.matches("[0-9]{1,5}")) {
            int p = Integer.parseInt(v);
            if (p >= 1 && p <= 65535) {
                return;
            }
        }
        throw new InputException(file, line, column,
                "expected ansible_port to be a number from 1 to 65535, got '" + value + "'");
    }
}
