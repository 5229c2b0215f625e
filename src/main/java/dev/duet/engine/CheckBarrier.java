package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import java.util.concurrent.Phaser;

/**
 * The hosts of one play on one task: no host's act half starts before every host has read what its
 * check half reads. Without it one host's act (e.g. {@code drbdadm connect}) could land before its peer's
 * check read the pair, and the peer would decide on a state the first host's act had already changed.
 * A host whose check finds nothing to do does not wait; a host that never checks (skipped, failed,
 * unreachable, done) leaves, so nobody waits for it. Checks only read, and each read is bounded by its
 * command's timeout, so the wait is too. Only the first check of a host counts (a loop's later items
 * act in their turn). Check mode acts nowhere and never waits.
 */
final class CheckBarrier {
    private final Phaser phaser;

    /** For {@code hosts} hosts, all running the task at once (each must take one {@link #party()}). */
    CheckBarrier(int hosts) {
        this.phaser = new Phaser(hosts);
    }

    /** One host's place at the barrier; used by that host's thread only. */
    Party party() {
        return new Party();
    }

    final class Party {
        private boolean done;

        /** This host's check found something to do: waits until every other host has checked or left. */
        void checkedAndActing(String host) {
            if (done) {
                return;
            }
            done = true;
            try {
                phaser.awaitAdvanceInterruptibly(phaser.arrive());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DuetException(Reason.TIMEOUT, host + ": interrupted while waiting for the other hosts' checks");
            }
        }

        /** This host will not act on its first check (nothing to do, skipped, failed) or is done: nobody waits for it. */
        void leave() {
            if (!done) {
                done = true;
                phaser.arriveAndDeregister();
            }
        }
    }
}
