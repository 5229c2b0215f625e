package dev.duet.cluster;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;

/**
 * What the shared disk holds, decided by one rule in both halves of the sbd step: an SBD header (its
 * magic in the first bytes: never created again, whatever {@code sbd dump} says), nothing at all (blkid
 * finds no signature: a header may be created), or anything else (refused: a filesystem or partition
 * table is never turned into an SBD device). A device that cannot be read is unknown and refused.
 */
record SbdDevice(Kind kind, SbdHeader header, String detail) {
    enum Kind { HEADER, BLANK }

    /** The first read of {@link #probe}: the header's magic bytes. */
    static Command magic(String device) {
        return Command.probe("head", "-c", "8", device);
    }

    /** The header as sbd reads it, asked when the magic is there. */
    static Command dump(String device) {
        return Command.probe("sbd", "-d", device, "dump");
    }

    static SbdDevice probe(Node node, String device) {
        CommandResult magic = node.run(magic(device));
        if (!magic.ok()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot read the SBD device " + device + " ("
                    + describe(magic) + "); it must be the same shared disk on every node");
        }
        if (magic.stdout().equals(SbdHeader.MAGIC)) {
            CommandResult dump = node.run(dump(device));
            SbdHeader header = dump.ok() ? SbdHeader.parse(dump.stdout()) : null;
            if (header == null) {
                throw new DuetException(Reason.PRECONDITION, node.name() + ": " + device + " starts with an SBD header"
                        + " but `sbd -d " + device + " dump` cannot read it (" + describe(dump) + "); Duet never"
                        + " re-creates a header over one that exists: check the device by hand");
            }
            return new SbdDevice(Kind.HEADER, header, null);
        }
        BlockSignature sig = BlockSignature.probe(node, device);
        return switch (sig.kind()) {
            case BLANK -> new SbdDevice(Kind.BLANK, null, null);
            case FOUND -> throw new DuetException(Reason.REFUSED, node.name() + ": " + device + " carries " + sig.type()
                    + (sig.label() == null ? "" : " (label '" + sig.label() + "')") + ", not an SBD header; Duet does"
                    + " not turn a disk with data into an SBD device. If its data is really unwanted, wipe it by hand"
                    + " (wipefs -a " + device + ") and run again");
            default -> throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot probe the SBD device "
                    + device + " (" + sig.detail() + ")");
        };
    }

    private static String describe(CommandResult r) {
        String text = (r.stderr() + " " + r.stdout()).strip();
        return text.isEmpty() ? "exit " + r.exitCode() : text;
    }
}
