package dev.duet.engine;

/**
 * One task bound to its arguments, run on one host. The check half only looks (the transport refuses
 * anything else in check mode); the act half is called only when the check said CHANGE and we are not
 * in check mode. Failures are thrown as {@link dev.duet.error.DuetException}s.
 */
public interface Step {
    Check check(StepContext ctx);

    /** Makes the change the check found necessary. May return a new message (e.g. what it did). */
    void act(StepContext ctx, Check check);
}
