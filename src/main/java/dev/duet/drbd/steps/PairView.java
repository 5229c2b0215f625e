package dev.duet.drbd.steps;

import dev.duet.drbd.Device;
import dev.duet.drbd.wait.DeviceText;
import dev.duet.drbd.wait.SplitBrain;
import dev.duet.drbd.wait.StateSource;
import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.StepContext;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every play node's view of one resource, read-only; refuses to go on over a split brain. */
record PairView(String resource, Map<String, Optional<Device>> devices) {
    static PairView read(StepContext ctx, DrbdEnv env, String resource) {
        return read(ctx, env.sources(), resource);
    }

    static PairView read(StepContext ctx, Function<Node, StateSource> sources, String resource) {
        var devices = new LinkedHashMap<String, Optional<Device>>();
        ctx.playNodes().forEach((name, node) -> devices.put(name, sources.apply(node).read(resource)));
        return new PairView(resource, devices);
    }

    /**
     * Throws SPLIT_BRAIN (explaining both nodes' states) when the pair is split with writes on either side;
     * a split in which nobody wrote is left to {@code drbd_up}, which reconnects it without losing anything.
     */
    PairView refuseSplitBrain(StepContext ctx, DrbdEnv env) {
        return refuseSplitBrain(ctx, env.sources());
    }

    PairView refuseSplitBrain(StepContext ctx, Function<Node, StateSource> sources) {
        if (nothingWrittenSinceSplit()) {
            return this;
        }
        splitBrain(ctx, sources).ifPresent(msg -> {
            throw new DuetException(Reason.SPLIT_BRAIN, msg);
        });
        return this;
    }

    /** The explanation of a split brain, when the pair is split (kernel logs are read on StandAlone nodes only). */
    Optional<String> splitBrain(StepContext ctx, Function<Node, StateSource> sources) {
        var evidence = new LinkedHashMap<String, Optional<String>>();
        for (Map.Entry<String, Node> e : ctx.playNodes().entrySet()) {
            boolean standAlone = standAlone(e.getKey());
            evidence.put(e.getKey(), standAlone ? sources.apply(e.getValue()).splitBrainEvidence() : Optional.empty());
        }
        return SplitBrain.detect(resource, devices, evidence);
    }

    boolean nothingWrittenSinceSplit() {
        return allUp() && SplitBrain.nothingWrittenSinceSplit(devices);
    }

    boolean standAlone(String node) {
        return devices.getOrDefault(node, Optional.empty()).map(Device::isStandAlone).orElse(false);
    }

    boolean anyStandAlone() {
        return devices.keySet().stream().anyMatch(this::standAlone);
    }

    static boolean connected(Optional<Device> d) {
        return d.map(Device::isConnected).orElse(false);
    }

    boolean allUp() {
        return devices.values().stream().allMatch(Optional::isPresent);
    }

    String describe() {
        return devices.entrySet().stream().map(e -> e.getKey() + " [" + DeviceText.describe(e.getValue()) + "]")
                .collect(Collectors.joining("; "));
    }
}
