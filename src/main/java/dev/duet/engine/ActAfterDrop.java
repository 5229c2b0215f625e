package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.DroppedDuringChange;

/**
 * Runs a step's act half so that a lost connection never replays a change blindly. When the connection
 * drops under a command that changes the host, that command may have run (mkfs, create-md, a user's
 * command ...), so the transport reconnects without sending it again; here the step's check half looks
 * again on the new connection, and the act half runs once more only if the check still says so. A second
 * drop fails the host as unreachable.
 */
final class ActAfterDrop {
    private ActAfterDrop() {
    }

    static Done act(Step step, StepContext ctx, Check check) {
        try {
            return step.act(ctx, check);
        } catch (DroppedDuringChange drop) {
            String note = "connection to " + drop.node() + " dropped mid-act during " + drop.what()
                    + " (not sent again); ";
            Check again = step.check(ctx);
            if (!again.needsChange()) {
                return Done.changed(note + "the check on the new connection finds nothing left to do: "
                        + again.message());
            }
            try {
                Done done = step.act(ctx, again);
                return new Done(note + "the check on the new connection still said to act: " + done.message(),
                        done.diff(), done.changed());
            } catch (DroppedDuringChange twice) {
                throw new DuetException(Reason.UNREACHABLE, twice.node() + ": connection to " + twice.hostPort()
                        + " dropped again during " + twice.what() + " after one reconnect (the first drop was during "
                        + drop.what() + "); neither was sent again, either may have run there: "
                        + (twice.getCause() == null ? "" : twice.getCause().getMessage()), twice);
            }
        }
    }
}
