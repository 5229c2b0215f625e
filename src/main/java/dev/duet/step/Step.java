package dev.duet.step;

/**
 * One task bound to its arguments, run on one host. The check half only looks (the transport refuses
 * anything else in check mode) and says what it would do; the act half is called only when the check
 * said CHANGE and we are not in check mode, and says what it did. Failures are thrown as
 * {@link dev.duet.error.DuetException}s.
 */
public interface Step {
    Check check(StepContext ctx);

    /**
     * What {@link #check} will most likely read on this host when nothing needs to change, for reading
     * ahead in one round trip. Never reads anything itself: it goes by the step's arguments and the
     * variables (gathered facts included), not by what the host answers.
     */
    default LikelyReads likelyReads(StepContext ctx) {
        return LikelyReads.NONE;
    }

    /** Makes the change the check found necessary and reports it (past tense, naming what changed). */
    Done act(StepContext ctx, Check check);
}
