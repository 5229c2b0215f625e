package dev.duet.inventory;

import dev.duet.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inventory host entry as Ansible reads it ({@code parse_address} then {@code expand_hostname_range}):
 * an optional {@code :PORT} suffix ({@code [addr]:PORT} for bracketed names), then ranges such as
 * {@code node[1:3]}, {@code web[01:02]} (zero-padded), {@code db-[a:c]} and {@code [1:10:2]} (stride),
 * several per name. A range of more than {@value #MAX_HOSTS} hosts is refused rather than built.
 */
final class HostRanges {
    static final int MAX_HOSTS = 10_000;
    private static final Pattern BRACKETED_PORT = Pattern.compile("\\[(.+)]:([0-9]+)");
    private static final Pattern HOST_PORT = Pattern.compile("((?:[^:\\[\\]]|\\[[^]]*])*):([0-9]+)");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Host names and the port that applies to all of them (null when none was written). */
    record Entry(List<String> names, Integer port) {
    }

    private HostRanges() {
    }

    static Entry parse(String pattern, Path file, int line, int column) {
        Entry split = splitPort(pattern);
        if (split.port() == null && pattern.strip().endsWith(":")) {
            throw new InputException(file, line, column, "host '" + pattern
                    + "' ends in ':', which Ansible reserves for a port number (name:PORT)");
        }
        List<String> names = new ArrayList<>();
        expand(split.names().get(0), names, file, line, column);
        return new Entry(names, split.port());
    }

    /** parse_address's first half: the {@code :PORT} taken off ({@code [addr]:PORT} unbracketed), ranges left as written. */
    static Entry splitPort(String pattern) {
        String address = pattern;
        Integer port = null;
        for (Pattern p : List.of(BRACKETED_PORT, HOST_PORT)) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
                try {
                    port = Integer.valueOf(m.group(2));
                } catch (NumberFormatException e) {
                    port = Integer.MAX_VALUE; // refused with the other bad ports
                }
            }
        }
        return new Entry(List.of(address), port);
    }

    private static void expand(String name, List<String> out, Path file, int line, int column) {
        int open = name.indexOf('[');
        if (open < 0) {
            add(out, name, file, line, column);
            return;
        }
        int close = name.indexOf(']', open);
        if (close < 0) {
            throw error(file, line, column, name, "expected ']' to close the range");
        }
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        String[] bounds = name.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw error(file, line, column, name, "a host range must be [begin:end] or [begin:end:step]");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw error(file, line, column, name, "a host range must give its end value");
        }
        int step = bounds.length == 3 ? number(bounds[2], file, line, column, name) : 1;
        if (step < 1) {
            throw error(file, line, column, name, "a host range's step must be 1 or more");
        }
        int width = 0;
        if (beg.charAt(0) == '0' && beg.length() > 1) {
            if (beg.length() != end.length()) {
                throw error(file, line, column, name, "a zero-padded host range needs begin and end of equal length");
            }
            width = beg.length();
        }
        int from = LETTERS.indexOf(beg);
        int to = LETTERS.indexOf(end);
        if (beg.length() == 1 && end.length() == 1 && from >= 0 && to >= 0) {
            if (from > to) {
                throw error(file, line, column, name, "a host range must have begin <= end");
            }
            for (int k = from; k <= to; k += step) {
                expandOne(head + LETTERS.charAt(k) + tail, out, file, line, column);
            }
            return;
        }
        int b = number(beg, file, line, column, name);
        int e = number(end, file, line, column, name);
        if ((long) (e - b) / step + out.size() >= MAX_HOSTS) {
            throw error(file, line, column, name, "the range makes more than " + MAX_HOSTS + " hosts");
        }
        for (int k = b; k <= e; k += step) {
            String digits = String.valueOf(k);
            String filled = digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
            expandOne(head + filled + tail, out, file, line, column);
        }
    }

    private static void expandOne(String name, List<String> out, Path file, int line, int column) {
        if (name.indexOf('[') >= 0) {
            expand(name, out, file, line, column);
        } else {
            add(out, name, file, line, column);
        }
    }

    private static void add(List<String> out, String name, Path file, int line, int column) {
        if (out.size() >= MAX_HOSTS) {
            throw error(file, line, column, name, "the range makes more than " + MAX_HOSTS + " hosts");
        }
        out.add(name);
    }

    private static int number(String s, Path file, int line, int column, String name) {
        if (!s.matches("[0-9]{1,9}")) {
            throw error(file, line, column, name, "expected a number or a single letter in the range, got '" + s + "'");
        }
        return Integer.parseInt(s);
    }

    private static InputException error(Path file, int line, int column, String name, String problem) {
        return new InputException(file, line, column, "host range '" + name + "': " + problem);
    }
}
