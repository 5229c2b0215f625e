package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.ocfs2.BlockSignature;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The devices {@code drbdadm sh-ll-dev} names as the resource's backing disks (what create-md writes
     * to), empty when drbdadm cannot say (not installed, resource not configured yet).
     */
    static List<String> drbdBackingDevices(Node node, String res) {
        CommandResult r = node.run(Command.probe("drbdadm", "sh-ll-dev", res));
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().map(String::strip).filter(l -> l.startsWith("/")).toList();
    }

    /** Whether two device paths name the same device (symlinks such as /dev/disk/by-id resolved on the node). */
    static boolean sameDevice(Node node, String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        CommandResult r = node.run(Command.probe("readlink", "-f", "--", a, b));
        List<String> real = r.stdout().lines().map(String::strip).toList();
        return r.ok() && real.size() == 2 && !real.get(0).isEmpty() && real.get(0).equals(real.get(1));
    }

    /** What blkid finds on the backing device; a probe that cannot tell is an error, never "blank". */
    static BlockSignature signature(Node node, String res, String dev) {
        BlockSignature sig = BlockSignature.probe(node, dev);
        if (sig.kind() == BlockSignature.Kind.ABSENT || sig.kind() == BlockSignature.Kind.UNREADABLE) {
            throw new DuetException(Reason.PRECONDITION, node.name() + ": cannot tell whether backing device " + dev
                    + " of " + res + " is blank (" + sig.detail() + "); refusing to run create-md on an unknown device");
        }
        return sig;
    }

    static String describe(BlockSignature sig) {
        Map<String, String> signature = new LinkedHashMap<>();
        sig.fields().forEach((k, v) -> {
            if (Set.of("TYPE", "PTTYPE", "LABEL", "UUID", "USAGE").contains(k)) {
                signature.put(k, v);
            }
        });
        if (signature.isEmpty()) {
            signature.put("blkid", sig.type());
        }
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
