package dev.duet.engine;

import java.util.Map;
import java.util.Set;

/** How to run a plan: check mode (plan), diffs, tag selection and extra variables (highest precedence). */
public record RunOptions(boolean checkMode, boolean diff, Set<String> tags, Set<String> skipTags,
                         Map<String, Object> extraVars) {
    public RunOptions {
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        extraVars = Map.copyOf(extraVars);
    }

    public static RunOptions apply() {
        return new RunOptions(false, false, Set.of(), Set.of(), Map.of());
    }

    public static RunOptions check() {
        return new RunOptions(true, true, Set.of(), Set.of(), Map.of());
    }

    /** Ansible's rules: tagged {@code always} runs unless skipped by name; {@code --tags} selects, {@code --skip-tags} removes. */
    public boolean selects(java.util.List<String> taskTags) {
        if (taskTags.stream().anyMatch(skipTags::contains)) {
            return false;
        }
        return tags.isEmpty() || taskTags.contains("always") || taskTags.stream().anyMatch(tags::contains);
    }
}
