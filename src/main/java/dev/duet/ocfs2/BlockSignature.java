package dev.duet.ocfs2;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code blkid -p} (a low-level probe that bypasses the blkid cache) finds on a device. blkid exits 2
 * both for "nothing found" and for "could not open the device" (DRBD Secondary on 8.4: "Wrong medium type",
 * a missing device, no permission), so the probe script first proves the path is a block device this user
 * may read, and exit 2 means blank only when blkid said nothing at all. Every other answer (a sudo error,
 * a timeout, anything on stderr) is UNREADABLE: unknown, which callers refuse on, never blank.
 */
public record BlockSignature(Kind kind, String type, String label, String detail) {
    public enum Kind { BLANK, FOUND, ABSENT, UNREADABLE }

    private static final int NOT_A_BLOCK_DEVICE = 64;
    private static final int NOT_READABLE = 65;
    private static final String SCRIPT = "test -b \"$1\" || { echo \"$1: No such block device\" >&2; exit "
            + NOT_A_BLOCK_DEVICE + "; }; test -r \"$1\" || { echo \"$1: not readable by $(id -un)\" >&2; exit "
            + NOT_READABLE + "; }; exec blkid -p -o export \"$1\"";

    /** The one read-only probe: block device, readable, then blkid, in one command. */
    public static Command command(String device) {
        return Command.probeScript(SCRIPT, device);
    }

    public static BlockSignature probe(Node node, String device) {
        return parse(node.run(command(device)));
    }

    static BlockSignature parse(CommandResult r) {
        String err = r.stderr().strip();
        if (r.exitCode() == 0) {
            Map<String, String> fields = fields(r.stdout());
            String type = fields.containsKey("TYPE") ? fields.get("TYPE")
                    : fields.containsKey("PTTYPE") ? "partition table " + fields.get("PTTYPE")
                    : "an unnamed signature";
            return new BlockSignature(Kind.FOUND, type, fields.get("LABEL"), r.stdout().strip());
        }
        if (r.exitCode() == 2 && err.isEmpty() && r.stdout().isBlank()) {
            return new BlockSignature(Kind.BLANK, null, null, "");
        }
        if (r.exitCode() == 8) {
            return new BlockSignature(Kind.FOUND, "several signatures (blkid: ambivalent result)", null, err);
        }
        if (r.exitCode() == NOT_A_BLOCK_DEVICE || err.contains("No such file") || err.contains("No such device")) {
            return new BlockSignature(Kind.ABSENT, null, null, err.isEmpty() ? "no such block device" : err);
        }
        return new BlockSignature(Kind.UNREADABLE, null, null,
                err.isEmpty() ? "blkid exited " + r.exitCode() : err);
    }

    public boolean is(String fstype) {
        return kind == Kind.FOUND && fstype.equals(type);
    }

    /** blkid's {@code KEY=value} lines (TYPE, PTTYPE, LABEL, UUID, USAGE ...), empty unless FOUND. */
    public Map<String, String> fields() {
        return kind == Kind.FOUND ? fields(detail) : Map.of();
    }

    private static Map<String, String> fields(String export) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : export.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return fields;
    }
}
