package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an INI host line as Ansible does, with Python's {@code shlex.split(line, comments=True)}:
 * words separated by whitespace, quotes removed, a backslash escapes the next character, and an unquoted
 * # ends the line (even inside a word). Values are then read by {@link PyLiteral}.
 */
final class IniTokens {
    /** One word: its text with quotes removed and its 1-based column. */
    record Token(String text, int column) {
    }

    private IniTokens() {
    }

    static List<Token> split(Path file, int line, String raw) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            boolean comment = false;
            while (i < n && !Character.isWhitespace(raw.charAt(i))) {
                char ch = raw.charAt(i);
                if (ch == '#') {
                    comment = true;
                    break;
                } else if (ch == '\\' && i + 1 < n) {
                    word.append(raw.charAt(i + 1));
                    i += 2;
                } else if (ch == '"' || ch == '\'') {
                    i = quoted(file, line, raw, i, word);
                } else {
                    word.append(ch);
                    i++;
                }
            }
            out.add(new Token(word.toString(), start + 1));
            if (comment) {
                break;
            }
        }
        return out;
    }

    /** Appends the quoted part starting at {@code open}; returns the index after its closing quote. */
    private static int quoted(Path file, int line, String raw, int open, StringBuilder word) {
        char q = raw.charAt(open);
        int i = open + 1;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == q) {
                return i + 1;
            }
            // inside double quotes a backslash escapes only \ and " (POSIX shell rules, as shlex)
            if (q == '"' && c == '\\' && i + 1 < raw.length() && (raw.charAt(i + 1) == '"' || raw.charAt(i + 1) == '\\')) {
                word.append(raw.charAt(i + 1));
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        throw new InputException(file, line, open + 1, "expected a closing " + q + " for this quote");
    }
}
