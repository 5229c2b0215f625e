package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits an INI host line the way Ansible does (shell-like words, quotes removed, # starts a comment)
 * and turns unquoted values into numbers, booleans or None as Python's literal_eval would.
 */
final class IniTokens {
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?[0-9]+\\.[0-9]+");

    /** One word: its text with quotes removed, its 1-based column, whether any part was quoted. */
    record Token(String text, int column, boolean quoted) {
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
            boolean quoted = false;
            StringBuilder word = new StringBuilder();
            while (i < n && !Character.isWhitespace(raw.charAt(i))) {
                char ch = raw.charAt(i);
                if (ch == '"' || ch == '\'') {
                    int close = raw.indexOf(ch, i + 1);
                    if (close < 0) {
                        throw new InputException(file, line, i + 1, "expected a closing " + ch + " for this quote");
                    }
                    word.append(raw, i + 1, close);
                    quoted = true;
                    i = close + 1;
                } else {
                    word.append(ch);
                    i++;
                }
            }
            out.add(new Token(word.toString(), start + 1, quoted));
        }
        return out;
    }

    /** A [group:vars] value: the rest of the line, a quoted string, or a literal. */
    static Object varValue(Path file, int line, int column, String rest) {
        String v = rest.strip();
        if (!v.isEmpty() && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            if (close < 0) {
                throw new InputException(file, line, column, "expected a closing " + v.charAt(0) + " for this quote");
            }
            String after = v.substring(close + 1).strip();
            if (!after.isEmpty() && !after.startsWith("#") && !after.startsWith(";")) {
                throw new InputException(file, line, column,
                        "expected nothing after the quoted value, got '" + after + "'");
            }
            return v.substring(1, close);
        }
        // An inline comment needs whitespace before it, so values like a#b stay whole.
        String unquoted = v.replaceFirst("\\s+[#;].*$", "");
        return literal(unquoted);
    }

    static Object literal(String v) {
        if (INT.matcher(v).matches()) {
            long l = Long.parseLong(v);
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (FLOAT.matcher(v).matches()) {
            return Double.valueOf(v);
        }
        return switch (v) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> v;
        };
    }
}
