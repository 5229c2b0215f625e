package dev.duet.playbook;

import java.util.List;

/**
 * A task's Ansible keywords beyond name/when/tags: what to register, what to loop over, how to judge
 * the result ({@code changed_when}, {@code failed_when}, {@code ignore_errors}), {@code no_log},
 * {@code check_mode}, task {@code become} and {@code become_user} (null: the play's), {@code delegate_to}
 * (the host it executes on, as written: may be a template; null: its own), {@code notify} (and a handler's {@code listen}) and the blocks the task sits in (outermost first).
 * Expressions are kept as written; the engine evaluates them per host.
 */
public record TaskKeywords(String register, Object loop, String loopVar, String loopLabel, String changedWhen,
                           String failedWhen, boolean ignoreErrors, boolean noLog, Boolean checkMode, Boolean become,
                           String becomeUser, String delegateTo, List<String> notifies, List<String> listen, List<BlockFrame> blocks) {
    public static final TaskKeywords NONE = new TaskKeywords(null, null, "item", null, null, null, false, false,
            null, null, null, null, List.of(), List.of(), List.of());

    public TaskKeywords {
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
        blocks = List.copyOf(blocks);
    }

    /** A block this task is inside, and which of its parts ({@code block}, {@code rescue}, {@code always}). */
    public record BlockFrame(int id, Section section, boolean hasRescue, String name) {
    }

    public enum Section { BLOCK, RESCUE, ALWAYS }

    public TaskKeywords withBlocks(List<BlockFrame> outer) {
        List<BlockFrame> all = new java.util.ArrayList<>(outer);
        all.addAll(blocks);
        return new TaskKeywords(register, loop, loopVar, loopLabel, changedWhen, failedWhen, ignoreErrors, noLog,
                checkMode, become, becomeUser, delegateTo, notifies, listen, all);
    }

    /** Keywords a block, role or import passes down to tasks that do not set them. */
    public TaskKeywords inherit(Boolean outerBecome, boolean outerIgnoreErrors, Boolean outerCheckMode) {
        return new TaskKeywords(register, loop, loopVar, loopLabel, changedWhen, failedWhen,
                ignoreErrors || outerIgnoreErrors, noLog, checkMode == null ? outerCheckMode : checkMode,
                become == null ? outerBecome : become, becomeUser, delegateTo, notifies, listen, blocks);
    }

    /** The {@code become_user} of an enclosing block, for a task that does not set its own. */
    public TaskKeywords inheritBecomeUser(String outer) {
        return new TaskKeywords(register, loop, loopVar, loopLabel, changedWhen, failedWhen, ignoreErrors, noLog,
                checkMode, become, becomeUser == null ? outer : becomeUser, delegateTo, notifies, listen, blocks);
    }
}
