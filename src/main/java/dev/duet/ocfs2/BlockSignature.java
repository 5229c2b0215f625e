package dev.duet.ocfs2;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code blkid -p} (a low-level probe that bypasses the blkid cache) finds on a device. Exit 2 means
 * "nothing found" only when blkid said nothing: an unopenable device (DRBD Secondary on 8.4: "Wrong
 * medium type", or a missing device) also exits 2, with the reason on stderr, and must not read as blank.
 */
public record BlockSignature(Kind kind, String type, String label, String detail) {
    public enum Kind { BLANK, FOUND, ABSENT, UNREADABLE }

    public static BlockSignature probe(Node node, String device) {
        return parse(node.run(Command.probe("blkid", "-p", "-o", "export", device)));
    }

    static BlockSignature parse(CommandResult r) {
        String err = r.stderr().strip();
        if (r.exitCode() == 0) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : r.stdout().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            String type = fields.containsKey("TYPE") ? fields.get("TYPE")
                    : fields.containsKey("PTTYPE") ? "partition table " + fields.get("PTTYPE")
                    : "an unnamed signature";
            return new BlockSignature(Kind.FOUND, type, fields.get("LABEL"), r.stdout().strip());
        }
        if (r.exitCode() == 2 && err.isEmpty()) {
            return new BlockSignature(Kind.BLANK, null, null, "");
        }
        if (r.exitCode() == 8) {
            return new BlockSignature(Kind.FOUND, "several signatures (blkid: ambivalent result)", null, err);
        }
        if (err.contains("No such file") || err.contains("No such device")) {
            return new BlockSignature(Kind.ABSENT, null, null, err);
        }
        return new BlockSignature(Kind.UNREADABLE, null, null,
                err.isEmpty() ? "blkid exited " + r.exitCode() : err);
    }

    public boolean is(String fstype) {
        return kind == Kind.FOUND && fstype.equals(type);
    }
}
