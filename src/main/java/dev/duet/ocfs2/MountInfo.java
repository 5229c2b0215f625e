package dev.duet.ocfs2;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's mount table as {@code /proc/self/mountinfo} shows it (proc(5)). Inside a probe batch the shell
 * reads that file itself ({@link dev.duet.transport.ProbeBatch}), so asking it starts no process, where
 * findmnt costs a process start (110-165 ms on the lab guests).
 */
public final class MountInfo {
    /** The whole mount table of the reading process's mount namespace. */
    public static final Command READ = Command.probe("cat", "/proc/self/mountinfo");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern DEVICE = Pattern.compile("\\d+:\\d+");

    private MountInfo() {
    }

    /**
     * One mount, its fields unescaped. {@code root} is the directory of the filesystem that is mounted:
     * {@code /} for a whole filesystem, a subdirectory for a bind mount of it.
     */
    public record Entry(String root, String mountPoint, String fstype, String source) {
    }

    /** Every mount; empty when the read failed or any line is not a mountinfo line (the table is unknown). */
    public static Optional<List<Entry>> parse(CommandResult r) {
        return r.ok() ? parse(r.stdout()) : Optional.empty();
    }

    static Optional<List<Entry>> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Optional<Entry> e = entry(line);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            out.add(e.get());
        }
        return Optional.of(out);
    }

    /**
     * The one mount at exactly {@code path} (compared unescaped, not resolved), when it is a whole filesystem.
     * Empty when that is not certain from the table alone: the read failed or did not parse, nothing is mounted
     * at that spelling of the path (it may be a symlink or a non-canonical path that findmnt resolves), mounts
     * are stacked there, it is a bind mount of a subdirectory, or its source is {@code /dev/root} (which
     * libmount replaces by the real root device).
     */
    public static Optional<Entry> wholeFilesystemAt(CommandResult read, String path) {
        List<Entry> here = parse(read).orElse(List.of()).stream().filter(e -> e.mountPoint().equals(path)).toList();
        if (here.size() != 1) {
            return Optional.empty();
        }
        Entry only = here.get(0);
        return only.root().equals("/") && !only.source().equals("/dev/root") ? Optional.of(only) : Optional.empty();
    }

    /** {@code id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions}. */
    private static Optional<Entry> entry(String line) {
        String[] f = line.split(" ", -1);
        int dash = 6;
        while (dash < f.length && !f[dash].equals("-")) {
            dash++;
        }
        if (dash + 4 != f.length || !NUMBER.matcher(f[0]).matches() || !NUMBER.matcher(f[1]).matches()
                || !DEVICE.matcher(f[2]).matches() || f[3].isEmpty() || !f[4].startsWith("/")
                || f[dash + 1].isEmpty() || f[dash + 2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(unescape(f[3]), unescape(f[4]), unescape(f[dash + 1]), unescape(f[dash + 2])));
    }

    /**
     * The kernel writes space, tab, newline and backslash in a mount's fields as {@code \ooo}, in mountinfo as
     * in {@code /proc/self/mounts}.
     */
    static String unescape(String field) {
        var out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
