package dev.duet.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ansible's lineinfile on text, without I/O. Present: the last line matching {@code regexp} is replaced
 * by {@code line}; with no match (or no regexp) the line is inserted after the last line matching
 * {@code insertAfter} (end of file when null or nothing matches) unless it is already there verbatim.
 * Absent: every line matching {@code regexp} (or equal to {@code line}) is removed.
 */
public record LineEdit(String line, Pattern regexp, boolean present, Pattern insertAfter) {

    /** The edited text; the same string when nothing needs to change. */
    public String apply(String text) {
        List<String> lines = new ArrayList<>(splitLines(text));
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        if (!present) {
            boolean removed = lines.removeIf(this::matches);
            return removed ? join(lines, endsWithNewline) : text;
        }
        int last = lastMatch(lines, regexp);
        if (regexp != null && last >= 0) {
            if (lines.get(last).equals(line)) {
                return text;
            }
            lines.set(last, line);
            return join(lines, endsWithNewline);
        }
        if (lines.contains(line)) {
            return text;
        }
        int after = insertAfter == null ? -1 : lastMatch(lines, insertAfter);
        lines.add(after >= 0 ? after + 1 : lines.size(), line);
        return join(lines, true);
    }

    private boolean matches(String l) {
        return regexp != null ? regexp.matcher(l).find() : l.equals(line);
    }

    private static int lastMatch(List<String> lines, Pattern p) {
        if (p == null) {
            return -1;
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    private static String join(List<String> lines, boolean trailingNewline) {
        if (lines.isEmpty()) {
            return "";
        }
        return String.join("\n", lines) + (trailingNewline ? "\n" : "");
    }
}
