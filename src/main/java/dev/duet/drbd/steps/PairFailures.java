package dev.duet.drbd.steps;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why one node's part of a pair's reconnect failed, shared by the drbd_up steps of both nodes of a run
 * (the module owns it). The node still waiting for Connected checks it on every poll and stops at once
 * with the peer's reason, instead of waiting out its timeout for a peer that will never connect.
 */
final class PairFailures {
    private final Map<String, Map<String, String>> byResource = new ConcurrentHashMap<>();

    /** A node starting a new attempt forgets its own earlier failure. */
    void clear(String res, String node) {
        Map<String, String> posted = byResource.get(res);
        if (posted != null) {
            posted.remove(node);
        }
    }

    void post(String res, String node, String reason) {
        byResource.computeIfAbsent(res, r -> new ConcurrentHashMap<>()).put(node, reason);
    }

    /** The failure another node of the pair posted for {@code res}, in words. */
    Optional<String> peerFailure(String res, String self) {
        return byResource.getOrDefault(res, Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(self)).findFirst()
                .map(e -> e.getKey() + "'s part of the reconnect failed: " + e.getValue());
    }
}
