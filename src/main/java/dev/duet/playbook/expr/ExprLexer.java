package dev.duet.playbook.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into names, numbers, quoted strings and operators. */
final class ExprLexer {
    enum Type { NAME, NUMBER, STRING, OP, END }

    record Token(Type type, String text, int pos) {
        boolean is(String s) {
            return (type == Type.OP || type == Type.NAME) && text.equals(s);
        }
    }

    private static final List<String> OPS =
            List.of("==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ".", ",", "|", "=", "~", "+", "-");

    private ExprLexer() {
    }

    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Type.NAME, src.substring(s, i), s));
            } else if (Character.isDigit(c)) {
                int s = i++;
                while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Type.NUMBER, src.substring(s, i), s));
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                // Python's escapes: \\ \' \" \n \t; any other backslash stays (so '\d' is a regex class)
                while (i < src.length() && src.charAt(i) != c) {
                    char ch = src.charAt(i);
                    if (ch == '\\' && i + 1 < src.length()) {
                        char next = src.charAt(i + 1);
                        switch (next) {
                            case '\\', '\'', '"' -> text.append(next);
                            case 'n' -> text.append('\n');
                            case 't' -> text.append('\t');
                            default -> text.append(ch).append(next);
                        }
                        i += 2;
                    } else {
                        text.append(ch);
                        i++;
                    }
                }
                if (i >= src.length()) {
                    throw new ExprError("unclosed quote at position " + (start + 1) + " in '" + src + "'");
                }
                out.add(new Token(Type.STRING, text.toString(), start));
                i++;
            } else {
                int at = i;
                String op = OPS.stream().filter(o -> src.startsWith(o, at)).findFirst()
                        .orElseThrow(() -> new ExprError("unexpected '" + c + "' at position " + (at + 1)
                                + " in '" + src + "'"));
                out.add(new Token(Type.OP, op, i));
                i += op.length();
            }
        }
        out.add(new Token(Type.END, "", src.length()));
        return out;
    }
}
