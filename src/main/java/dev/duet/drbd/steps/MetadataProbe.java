package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for DRBD metadata and for other signatures on a backing device, read-only. Metadata is probed
 * on the device itself (attached disk state, then {@code drbdadm dump-md}), never inferred from marker
 * files; anything the probe does not understand is an error, never a green light to create-md.
 */
final class MetadataProbe {
    enum Metadata { PRESENT, ABSENT, NOT_PROBEABLE }

    record Result(Metadata metadata, String detail) {
    }

    private MetadataProbe() {
    }

    static Result metadata(Node node, StateSource source, String res, boolean checkMode) {
        Optional<Device> d = source.read(res);
        if (d.isPresent() && d.get().hasDisk()) {
            return new Result(Metadata.PRESENT, "attached, disk " + d.get().disk());
        }
        CommandResult r = DrbdProbe.of(node).dumpMetadata(res);
        String text = r.stdout() + "\n" + r.stderr();
        if (r.ok()) {
            return new Result(Metadata.PRESENT, "valid DRBD metadata found by `drbdadm dump-md`");
        }
        if (text.contains("unclean") || text.contains("apply-al")) {
            return new Result(Metadata.PRESENT, "DRBD metadata present (unclean: needs apply-al)");
        }
        if (text.contains("No valid meta data found")) {
            return new Result(Metadata.ABSENT, "no valid DRBD metadata");
        }
        boolean notYet = r.exitCode() == 127 || text.contains("not defined in your config")
                || text.contains("no resources defined") || text.contains("not found");
        if (checkMode && notYet) {
            return new Result(Metadata.NOT_PROBEABLE, "cannot probe yet (drbd-utils or " + res + " not configured)");
        }
        throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot tell whether " + res
                + " has DRBD metadata: `drbdadm dump-md " + res + "` exited " + r.exitCode() + ": "
                + firstLine(text) + "; refusing to run create-md on an unknown device");
    }

    /** The backing device: the task's {@code disk}, else what drbdadm resolves from the resource file. */
    static Optional<String> backingDevice(Node node, String res, Optional<String> disk) {
        if (disk.isPresent()) {
            return disk;
        }
        CommandResult r = DrbdProbe.of(node).lowLevelDevice(res);
        String dev = r.stdout().strip();
        return r.ok() && dev.startsWith("/") ? Optional.of(dev.split("\\s+")[0]) : Optional.empty();
    }

    /** Filesystem, RAID, LVM or partition-table signatures blkid finds; empty when the device is blank. */
    static Map<String, String> signatures(Node node, String dev) {
        if (!node.run(Command.probe("test", "-b", dev)).ok()) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": backing device " + dev
                    + " is not a block device");
        }
        CommandResult r = node.run(Command.probe("blkid", "-p", "-o", "export", dev));
        var found = new LinkedHashMap<String, String>();
        if (r.exitCode() == 2) {
            return found;
        }
        if (!r.ok()) {
            // 8 = ambivalent: several signatures; anything but a clear "nothing" keeps the device safe.
            found.put("blkid", "exit " + r.exitCode() + " " + firstLine(r.stdout() + r.stderr()));
            return found;
        }
        r.stdout().lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2)
                .filter(kv -> kv[0].equals("TYPE") || kv[0].equals("PTTYPE") || kv[0].equals("LABEL")
                        || kv[0].equals("UUID") || kv[0].equals("USAGE"))
                .forEach(kv -> found.put(kv[0], kv[1]));
        if (found.isEmpty()) {
            found.put("blkid", firstLine(r.stdout()));
        }
        return found;
    }

    static String describe(Map<String, String> signature) {
        String kind = signature.getOrDefault("TYPE", signature.getOrDefault("PTTYPE", "unknown"));
        String what = signature.containsKey("PTTYPE") && !signature.containsKey("TYPE") ? "partition table" : "signature";
        StringBuilder b = new StringBuilder("a " + kind + " " + what + " (");
        signature.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        return b.toString().strip() + ")";
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("(no output)");
    }
}
