package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Recognises a DRBD split brain from both nodes' states: every node StandAlone with its own disk
 * UpToDate (each side kept writing and refuses the other), or any StandAlone node whose kernel log says
 * "Split-Brain detected". The explanation names every node's state, so the user can pick the victim.
 */
public final class SplitBrain {
    private SplitBrain() {
    }

    public static Optional<String> detect(String resource, Map<String, DrbdStatus> byNode) {
        Map<String, Optional<Device>> devices = new LinkedHashMap<>();
        byNode.forEach((node, status) -> devices.put(node, status.device(resource)));
        return detect(resource, devices, Map.of());
    }

    /** {@code kernelEvidence}: per node, the kernel log line saying split brain, if any. */
    public static Optional<String> detect(String resource, Map<String, Optional<Device>> byNode,
                                          Map<String, Optional<String>> kernelEvidence) {
        if (byNode.isEmpty()) {
            return Optional.empty();
        }
        boolean allStandAloneUpToDate = byNode.values().stream()
                .allMatch(d -> d.map(x -> x.isStandAlone() && x.isUpToDate()).orElse(false));
        Optional<String> logged = byNode.entrySet().stream()
                .filter(e -> standAlone(e.getValue()))
                .map(e -> kernelEvidence.getOrDefault(e.getKey(), Optional.empty()).map(l -> e.getKey() + ": " + l))
                .flatMap(Optional::stream)
                .findFirst();
        if (!allStandAloneUpToDate && logged.isEmpty()) {
            return Optional.empty();
        }
        String states = byNode.entrySet().stream()
                .map(e -> e.getKey() + " [" + DeviceText.describe(e.getValue()) + "]")
                .collect(Collectors.joining("; "));
        return Optional.of("split brain on " + resource + ": " + states
                + logged.map(l -> "; kernel log " + l).orElse("")
                + ". Both sides may hold writes the other lacks; Duet will not choose which to discard. Run "
                + "`duet recover --discard NODE` naming the node whose changes since the split are to be lost.");
    }

    /**
     * A split in which nobody wrote: every node UpToDate, not connected, and counting 0 KiB out of sync
     * since the connection was lost (what DRBD's own {@code discard-zero-changes} relies on, which 8.4
     * does not apply when both nodes are Primary); at least one StandAlone, the others StandAlone too or
     * already waiting for their peer after a connect (the survivor of this very reconnect, whose act may
     * come before the sync target's check: the counts, not the connection states, say nothing was
     * written). Reconnecting a StandAlone node as sync target discards nothing. An unknown count is not zero.
     */
    public static boolean nothingWrittenSinceSplit(Map<String, Optional<Device>> byNode) {
        return !byNode.isEmpty()
                && byNode.values().stream().anyMatch(SplitBrain::standAlone)
                && byNode.values().stream().allMatch(d -> d.map(x -> (x.isStandAlone() || x.isConnecting())
                        && x.isUpToDate() && x.nothingOutOfSync()).orElse(false));
    }

    static boolean standAlone(Optional<Device> d) {
        return d.map(Device::isStandAlone).orElse(false);
    }
}
