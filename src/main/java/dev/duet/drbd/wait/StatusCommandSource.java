package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.transport.Node;
import java.util.Optional;

/** Polls a node's DRBD state: each read is one {@link DrbdProbe#device} of the resource. */
public final class StatusCommandSource implements StateSource {
    private final Node node;
    private final DrbdProbe probe;

    private StatusCommandSource(Node node) {
        this.node = node;
        this.probe = DrbdProbe.of(node);
    }

    public static StatusCommandSource of(Node node) {
        return new StatusCommandSource(node);
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public Optional<Device> read(String resource) {
        return probe.device(resource);
    }

    @Override
    public Optional<String> splitBrainEvidence() {
        return probe.splitBrainEvidence();
    }
}
