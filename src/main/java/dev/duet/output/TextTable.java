package dev.duet.output;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns two blanks apart; null cells print as "-". */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        var r = new ArrayList<String>();
        for (Object c : cells) {
            r.add(c == null ? "-" : c.toString().replaceAll("\\p{Cntrl}", "?"));
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], i < r.size() ? r.get(i).length() : 0);
            }
        }
        var out = new StringBuilder();
        line(out, header, width);
        rows.forEach(r -> line(out, r, width));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        var l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            l.append(c);
            if (i < width.length - 1) {
                l.append(" ".repeat(width[i] - c.length() + 2));
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
