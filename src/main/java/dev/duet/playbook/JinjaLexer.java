package dev.duet.playbook;

import dev.duet.playbook.expr.ExprError;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into text, {@code {{ }}} and {@code {% %}} tokens with their line numbers,
 * dropping {@code {# #}} comments and applying whitespace control and Ansible's trim_blocks.
 */
final class JinjaLexer {
    enum Kind { TEXT, EXPR, TAG }

    record Token(Kind kind, String text, int line) {
    }

    private JinjaLexer() {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int line = 1;
        boolean trimNext = false;
        while (i < s.length()) {
            int open = next(s, i);
            String chunk = s.substring(i, open < 0 ? s.length() : open);
            if (trimNext) {
                chunk = chunk.stripLeading();
                trimNext = false;
            }
            text.append(chunk);
            line += count(s, i, open < 0 ? s.length() : open);
            if (open < 0) {
                break;
            }
            char kind = s.charAt(open + 1);
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
            int end = closing(s, open + 2, close, line);
            String inner = s.substring(open + 2, end);
            boolean trimBefore = inner.startsWith("-");
            boolean trimAfter = inner.endsWith("-");
            inner = inner.substring(trimBefore ? 1 : 0, inner.length() - (trimAfter && inner.length() > 0 ? 1 : 0)).strip();
            if (trimBefore) {
                int k = text.length();
                while (k > 0 && Character.isWhitespace(text.charAt(k - 1))) {
                    k--;
                }
                text.setLength(k);
            }
            if (text.length() > 0) {
                out.add(new Token(Kind.TEXT, text.toString(), line));
                text.setLength(0);
            }
            if (kind == '{') {
                out.add(new Token(Kind.EXPR, inner, line));
            } else if (kind == '%') {
                out.add(new Token(Kind.TAG, inner, line));
            }
            line += count(s, open, end + 2);
            i = end + 2;
            if (trimAfter) {
                trimNext = true;
            } else if (kind != '{' && i < s.length() && s.charAt(i) == '\n') {
                i++; // trim_blocks, as Ansible's template module renders
                line++;
            }
        }
        if (text.length() > 0) {
            out.add(new Token(Kind.TEXT, text.toString(), line));
        }
        return out;
    }

    private static int next(String s, int from) {
        int best = -1;
        for (String o : new String[] {"{{", "{%", "{#"}) {
            int at = s.indexOf(o, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    private static int closing(String s, int from, String close, int line) {
        int at = indexOfClosing(s, from, close);
        if (at < 0) {
            throw new ExprError("line " + line + ": expected '" + close + "' to close '" + (close.equals("}}") ? "{{"
                    : close.equals("%}") ? "{%" : "{#") + "'");
        }
        return at;
    }

    /**
     * Where {@code close} ("}}", "%}" or "#}") first stands from {@code from} on, outside quoted strings (a
     * comment has none), or -1.
     */
    static int indexOfClosing(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '\'' || c == '"') && !close.equals("#}")) {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
