package dev.duet.playbook;

import dev.duet.step.Args;
import java.util.List;
import java.util.Map;

/**
 * One task as written: module name and raw (untemplated) arguments. {@code runOn} names the one host
 * it runs on ({@code run_on: node1}, may be a template); {@code runOnce} means the first host of the play.
 * {@code keywords} holds register, loop, notify, block membership and the other Ansible task keywords.
 */
public record Task(String name, String module, Map<String, Object> args, String when, boolean runOnce,
                   String runOn, List<String> tags, Args.Location where, TaskKeywords keywords) {
    /** The module name of Ansible's {@code meta:} tasks ({@code meta: flush_handlers}). */
    public static final String META = "meta";

    public Task {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        tags = List.copyOf(tags);
        keywords = keywords == null ? TaskKeywords.NONE : keywords;
    }

    public Task(String name, String module, Map<String, Object> args, String when, boolean runOnce,
                String runOn, List<String> tags, Args.Location where) {
        this(name, module, args, when, runOnce, runOn, tags, where, TaskKeywords.NONE);
    }

    public boolean isFlushHandlers() {
        return module.equals(META);
    }

    /** The same task with more conditions, tags and enclosing blocks (from a block, role or import). */
    /** This task as a role's: named {@code ROLE : NAME}, as Ansible prints a role's tasks. */
    public Task inRole(String role) {
        return new Task(role + " : " + name, module, args, when, runOnce, runOn, tags, where, keywords);
    }

    /** The name without a role's {@code ROLE : } prefix (the name as written in the task file). */
    public String bareName() {
        int at = name.indexOf(" : ");
        return at < 0 ? name : name.substring(at + 3);
    }

    /** The same task run as {@code outerBecomeUser} unless it names its own {@code become_user} (from a block). */
    public Task withBecomeUser(String outerBecomeUser) {
        return outerBecomeUser == null ? this
                : new Task(name, module, args, when, runOnce, runOn, tags, where, keywords.inheritBecomeUser(outerBecomeUser));
    }

    public Task within(String outerWhen, List<String> outerTags, TaskKeywords.BlockFrame frame, Boolean become,
                       boolean ignoreErrors, Boolean checkMode) {
        String w = outerWhen == null ? when : when == null ? outerWhen : "(" + outerWhen + ") and (" + when + ")";
        List<String> t = new java.util.ArrayList<>(outerTags);
        tags.stream().filter(x -> !t.contains(x)).forEach(t::add);
        TaskKeywords kw = keywords.inherit(become, ignoreErrors, checkMode);
        if (frame != null) {
            kw = kw.withBlocks(List.of(frame));
        }
        return new Task(name, module, args, w, runOnce, runOn, t, where, kw);
    }
}
