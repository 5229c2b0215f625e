package dev.duet.transport;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting: every remote command is built from argv, never by string concatenation. */
public final class Shell {
    private Shell() {
    }

    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    public static String join(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
