package dev.duet.playbook;

import dev.duet.step.Args;
import java.util.List;
import java.util.Map;

/**
 * One task as written: module name and raw (untemplated) arguments. {@code runOn} names the one host
 * it runs on ({@code run_on: node1}, may be a template); {@code runOnce} means the first host of the play.
 */
public record Task(String name, String module, Map<String, Object> args, String when, boolean runOnce,
                   String runOn, List<String> tags, Args.Location where) {
    public Task {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        tags = List.copyOf(tags);
    }
}
