package dev.duet.ocfs2;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits /etc/fstab text for one mount point: every other line is kept byte for byte; an entry already
 * equal field by field is kept as written; later duplicates for the same mount point are dropped
 * because mount(8) would act on the last one.
 */
public final class Fstab {
    public static final String PATH = "/etc/fstab";

    private Fstab() {
    }

    public static String put(String current, FstabEntry entry) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String line : lines(current)) {
            List<String> f = FstabEntry.fieldsOf(line);
            if (!f.isEmpty() && f.get(1).equals(entry.path())) {
                if (!placed) {
                    out.add(f.equals(entry.fields()) ? line : entry.line());
                    placed = true;
                }
                continue;
            }
            out.add(line);
        }
        if (!placed) {
            out.add(entry.line());
        }
        return String.join("\n", out) + "\n";
    }

    public static String remove(String current, String path) {
        List<String> out = new ArrayList<>();
        for (String line : lines(current)) {
            List<String> f = FstabEntry.fieldsOf(line);
            if (f.isEmpty() || !f.get(1).equals(path)) {
                out.add(line);
            }
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            l.remove(l.size() - 1);
        }
        return l;
    }
}
