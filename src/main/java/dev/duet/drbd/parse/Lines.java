package dev.duet.drbd.parse;

import java.util.Arrays;
import java.util.List;

/** Splitting status text into lines, and describing a line that had to be skipped. */
final class Lines {
    private static final int MAX_SHOWN = 100;
    private static final java.util.regex.Pattern KEY_VALUE = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]*:\\S*");
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");
    private static final java.util.regex.Pattern LINE_END = java.util.regex.Pattern.compile("\r\n|\r|\n");
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    private Lines() {
    }

    /** The lines of {@code text}, any line ending, NUL bytes removed (real /proc/drbd reads carry them). */
    static List<String> of(String text) {
        return Arrays.asList(LINE_END.split(clean(text), -1));
    }

    /** A line with its number in the original text. */
    record Numbered(int number, String text) {
    }

    /**
     * The lines of {@code text} with wrapped continuations put back: a line that starts with whitespace and
     * holds only {@code key:value} words belongs to the line before, as when a narrow terminal, a pager or
     * an e-mail wrapped a long line. Each joined line keeps the number of its first part.
     */
    static List<Numbered> joined(String text) {
        List<String> raw = of(text);
        List<Numbered> out = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            int last = out.size() - 1;
            if (last >= 0 && !out.get(last).text().isBlank() && isContinuation(line)) {
                Numbered prev = out.get(last);
                out.set(last, new Numbered(prev.number(), prev.text().stripTrailing() + " " + line.strip()));
            } else {
                out.add(new Numbered(i + 1, line));
            }
        }
        return out;
    }

    private static boolean isContinuation(String line) {
        if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
            return false;
        }
        for (String word : BLANKS.split(line.strip())) {
            if (!KEY_VALUE.matcher(word).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Text without NUL bytes and ANSI colour codes ({@code --color=always} output). */
    static String clean(String text) {
        return ANSI.matcher(text.replace("\u0000", "")).replaceAll("");
    }

    /** "line 7: <text>" with the text shortened and control characters made visible. */
    static String skipped(int lineNumber, String line) {
        String shown = line.strip().replaceAll("\\p{Cntrl}", "?");
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "...";
        }
        return "line " + lineNumber + ": " + shown;
    }

    /** A short quote of the first non-blank line, for "expected ..., got ..." messages. */
    static String firstLineQuote(String text) {
        for (String l : of(text)) {
            if (!l.isBlank()) {
                String s = l.strip().replaceAll("\\p{Cntrl}", "?");
                return "`" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "`";
            }
        }
        return "empty input";
    }

    static Integer intOrNull(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long longOrNull(String s) {
        try {
            return s == null ? null : Long.valueOf(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Seconds of an h:mm:ss figure, null when a part is not a number. */
    static Long hms(String h, String m, String s) {
        Long hours = longOrNull(h);
        Long minutes = longOrNull(m);
        Long seconds = longOrNull(s);
        if (hours == null || minutes == null || seconds == null || hours > 1_000_000) {
            return null;
        }
        return hours * 3600 + minutes * 60 + seconds;
    }

    static Double doubleOrNull(String s) {
        try {
            if (s == null) {
                return null;
            }
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
