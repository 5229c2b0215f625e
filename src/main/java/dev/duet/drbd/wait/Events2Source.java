package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.DrbdVersion;
import dev.duet.drbd.probe.DrbdProbe;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state source whose waits follow {@code drbdsetup events2} instead of polling, where the node can
 * stream and runs DRBD 8.4.6+ with drbd-utils 8.9.3+. Single reads and split-brain evidence stay with
 * the polling source (one command is cheaper than a stream); so does any wait whose stream cannot
 * start, which makes polling the fallback whenever anything is unsure.
 */
public final class Events2Source implements StateSource {
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Events2Source.class);

    private final Node node;
    private final StateSource polling;
    private final Function<Node, Boolean> capable;
    private final Duration startTimeout;

    public Events2Source(Node node, StateSource polling, Function<Node, Boolean> capable, Duration startTimeout) {
        this.node = node;
        this.polling = polling;
        this.capable = capable;
        this.startTimeout = startTimeout;
    }

    /**
     * Sources for real runs: events2 waits over {@link StatusCommandSource} polling. The version probe
     * runs once per node and is remembered once it has an answer (before DRBD is installed it has none).
     */
    public static Function<Node, StateSource> factory() {
        Map<Node, Boolean> known = Collections.synchronizedMap(new WeakHashMap<>());
        Function<Node, Boolean> capable = n -> {
            Boolean k = known.get(n);
            if (k != null) {
                return k;
            }
            Optional<DrbdVersion> v = DrbdProbe.of(n).version();
            v.ifPresent(version -> known.put(n, version.hasEvents2()));
            return v.map(DrbdVersion::hasEvents2).orElse(false);
        };
        return n -> new Events2Source(n, StatusCommandSource.of(n), capable, START_TIMEOUT);
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public Optional<Device> read(String resource) {
        return polling.read(resource);
    }

    @Override
    public Optional<String> splitBrainEvidence() {
        return polling.splitBrainEvidence();
    }

    @Override
    public StateWatch watch(String resource) {
        if (!capable.apply(node)) {
            return polling.watch(resource);
        }
        try {
            return Events2Watch.start(node, resource, polling, startTimeout).orElseGet(() -> polling.watch(resource));
        } catch (RuntimeException e) {
            // a broken stream must not fail the wait: the polling source reports real connection trouble
            LOG.info("{}: cannot follow `{}` ({}); polling instead", node.name(), Events2Watch.EVENTS2.line(),
                    e.getMessage());
            return polling.watch(resource);
        }
    }
}
