package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.Peer;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Polls {@code drbdsetup status RES --verbose --statistics} (which carries size and out-of-sync on 8.4
 * and 9) and parses it. When the status shows no peer (8.4 prints none while StandAlone), {@code
 * drbdadm cstate} fills in the connection state so StandAlone is never mistaken for "no news".
 */
public final class StatusCommandSource implements StateSource {
    /** drbdsetup's exit code for "No such resource" / "Device minor not allocated": the resource is down. */
    private static final int NOT_UP = 10;
    private static final int NOT_INSTALLED = 127;

    private final Node node;
    private final Function<String, DrbdStatus> parser;

    /** Polling with Duet's status parser. */
    public static StatusCommandSource of(Node node) {
        return new StatusCommandSource(node, dev.duet.drbd.parse.StatusParser::parse);
    }

    public StatusCommandSource(Node node, Function<String, DrbdStatus> parser) {
        this.node = node;
        this.parser = parser;
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public Optional<Device> read(String resource) {
        CommandResult r = node.run(Command.probe("drbdsetup", "status", resource, "--verbose", "--statistics"));
        if (r.exitCode() == NOT_UP || r.exitCode() == NOT_INSTALLED || notUp(r)) {
            return Optional.empty();
        }
        r.orThrow(node.name());
        Optional<Device> device = parser.apply(r.stdout()).device(resource);
        if (device.isPresent() && device.get().peers().isEmpty()) {
            return Optional.of(withCstate(device.get(), resource));
        }
        return device;
    }

    @Override
    public Optional<String> splitBrainEvidence() {
        CommandResult r = node.run(Command.probeScript("dmesg 2>/dev/null | grep -F 'Split-Brain detected' | tail -n 1"));
        String line = r.stdout().strip();
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    private static boolean notUp(CommandResult r) {
        String text = r.stdout() + r.stderr();
        return !r.ok() && (text.contains("No such resource") || text.contains("not allocated"));
    }

    private Device withCstate(Device d, String resource) {
        CommandResult cs = node.run(Command.probe("drbdadm", "cstate", resource));
        if (!cs.ok() || cs.stdout().isBlank()) {
            return d;
        }
        String word = cs.stdout().strip().split("\\s+")[0];
        String connection = "WFConnection".equals(word) ? "Connecting" : word;
        Peer peer = new Peer("peer", connection, null, "Unknown", "DUnknown", null, word);
        Long oos = d.outOfSyncKiB() != null ? d.outOfSyncKiB() : procOutOfSync(d.minor());
        return new Device(d.resource(), d.minor(), d.volume(), d.role(), d.disk(), List.of(peer), oos, d.sizeKiB());
    }

    /**
     * 8.4 prints no peer, and so no out-of-sync figure, while StandAlone; /proc/drbd's {@code oos:} still
     * counts the blocks written since the connection was lost, which tells a split brain in which nobody
     * wrote from one with diverged data. Unknown (null) when /proc/drbd does not say.
     */
    private Long procOutOfSync(Integer minor) {
        if (minor == null) {
            return null;
        }
        CommandResult proc = node.run(Command.probe("cat", "/proc/drbd"));
        if (!proc.ok()) {
            return null;
        }
        try {
            return dev.duet.drbd.parse.StatusParser.parse(proc.stdout()).devices().stream()
                    .filter(x -> minor.equals(x.minor())).map(Device::outOfSyncKiB).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null; // not a /proc/drbd we can read (DRBD 9 prints only its version there)
        }
    }
}
