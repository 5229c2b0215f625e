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
            List.of("==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ".", ",", "|");

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
                int close = src.indexOf(c, i + 1);
                if (close < 0) {
                    throw new ExprError("unclosed quote at position " + (i + 1) + " in '" + src + "'");
                }
                out.add(new Token(Type.STRING, src.substring(i + 1, close), i));
                i = close + 1;
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
