package dev.duet.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The result events of a {@code duet ... --json} run: which module changed (or failed) on which host. */
record RunEvents(List<JsonNode> results) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunEvents parse(String out) {
        List<JsonNode> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("{")) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(l);
                if ("result".equals(n.path("event").asText())) {
                    results.add(n);
                }
            } catch (IOException ignored) {
                // a non-JSON line (e.g. the lab harness's own output) is not an event
            }
        }
        return new RunEvents(results);
    }

    /** Modules whose result on {@code host} had {@code status} (changed, failed, ok, ...), in order. */
    List<String> modules(String host, String status) {
        return results.stream().filter(r -> host.equals(r.path("host").asText()))
                .filter(r -> status.equals(r.path("status").asText()))
                .map(r -> r.path("module").asText()).toList();
    }

    List<String> messages(String status) {
        return results.stream().filter(r -> status.equals(r.path("status").asText()))
                .map(r -> r.path("host").asText() + ": " + r.path("msg").asText() + " [" + r.path("reason").asText() + "]")
                .toList();
    }
}
