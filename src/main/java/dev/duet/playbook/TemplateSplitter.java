package dev.duet.playbook;

import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.ExprParser;
import java.util.ArrayList;
import java.util.List;

/** Splits text into literal strings and parsed {@code {{ }}} expressions. */
final class TemplateSplitter {
    private TemplateSplitter() {
    }

    static List<Object> split(String s) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("{{", i);
            rejectBlocks(s, i, open < 0 ? s.length() : open);
            if (open < 0) {
                parts.add(s.substring(i));
                break;
            }
            if (open > i) {
                parts.add(s.substring(i, open));
            }
            int close = closing(s, open + 2);
            parts.add(ExprParser.parse(s.substring(open + 2, close).strip()));
            i = close + 2;
        }
        if (parts.isEmpty()) {
            parts.add("");
        }
        return parts;
    }

    private static void rejectBlocks(String s, int from, int to) {
        String text = s.substring(from, to);
        if (text.contains("{%") || text.contains("{#")) {
            throw new ExprError("Jinja blocks {% %} and comments {# #} are not supported, in '" + s + "'");
        }
    }

    /** The index of the "}}" closing an expression, skipping quoted strings. */
    private static int closing(String s, int from) {
        int at = JinjaLexer.indexOfClosing(s, from, "}}");
        if (at < 0) {
            throw new ExprError("expected '}}' to close '{{' in '" + s + "'");
        }
        return at;
    }
}
