package dev.duet.transport;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting: every remote command is built from argv, never by string concatenation. */
public final class Shell {
    private Shell() {
    }

    public static String quote(String word) {
        if (isPlain(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Only characters no shell treats specially: [A-Za-z0-9_@%+=:,./-], at least one. */
    private static boolean isPlain(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_@%+=:,./-".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    public static String join(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
