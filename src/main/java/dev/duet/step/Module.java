package dev.duet.step;

import java.util.Map;
import java.util.Set;

/**
 * A kind of task (package, copy, drbd_resource ...). Declares its arguments so the loader can reject
 * unknown ones before any host is contacted, and binds templated arguments to a {@link Step}.
 */
public interface Module {
    String name();

    Set<String> requiredArgs();

    Set<String> optionalArgs();

    /**
     * Binds arguments (already templated for one host) to a step. Throws
     * {@link dev.duet.error.InputException} (via {@link Args}) for bad values.
     */
    Step bind(Args args);

    /** Pair-wide modules stop the whole play when they fail on one host. */
    default boolean pairWide() {
        return false;
    }

    /**
     * Modules that act on both nodes of a pair (their peer, the pair's names, addresses or shared state): the
     * DRBD, OCFS2 cluster and cluster modules. Such a task may not be delegated to another host, and a
     * play's {@code serial} batches may not split a pair when the play holds one.
     */
    default boolean pairCoordinated() {
        return pairWide();
    }

    /**
     * Modules that must run on one host only, named in the task by {@code run_once} or {@code run_on}: the
     * loader refuses a task without either (e.g. mkfs on the replicated device, where two Primaries would
     * each probe "blank" and format at the same time). Says why, for the error message.
     */
    default java.util.Optional<String> oneHostOnly() {
        return java.util.Optional.empty();
    }

    /**
     * Arguments that may still contain templates at load time are validated later; a module may also
     * validate raw values here (e.g. reject shell metacharacters in names) before any host is contacted.
     */
    default void validate(Map<String, Object> rawArgs, Args.Location where) {
    }

    /**
     * The loader's call, with the position of every nested value: modules with structured arguments
     * override it to point at the offending line; the default ignores the positions.
     */
    default void validate(Map<String, Object> rawArgs, Args.Location where, ArgPaths paths) {
        validate(rawArgs, where);
    }

    /** A module that only reads (stat, debug, wait_for): {@code check_mode: false} changes nothing for it. */
    default boolean readOnly() {
        return false;
    }

    /**
     * A module whose steps are {@link Probe}s: a task the user declared read-only ({@code check_mode: false}
     * with {@code changed_when: false}) runs during plan as a read-only command.
     */
    default boolean probeable() {
        return false;
    }
}
