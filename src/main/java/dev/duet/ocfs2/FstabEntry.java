package dev.duet.ocfs2;

import java.util.List;

/** One /etc/fstab line, compared by fields so hand-aligned whitespace is not a change. */
public record FstabEntry(String src, String path, String fstype, String opts, String dump, String passno) {
    public List<String> fields() {
        return List.of(src, path, fstype, opts, dump, passno);
    }

    public String line() {
        return String.join(" ", fields());
    }

    /** The fields of a non-comment fstab line, dump and passno defaulting to 0 as mount(8) reads them. */
    static List<String> fieldsOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return List.of();
        }
        String[] f = t.split("\\s+");
        if (f.length < 2) {
            return List.of();
        }
        String[] all = {f[0], f[1], f.length > 2 ? f[2] : "auto", f.length > 3 ? f[3] : "defaults",
                f.length > 4 ? f[4] : "0", f.length > 5 ? f[5] : "0"};
        return List.of(all);
    }
}
