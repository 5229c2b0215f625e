package dev.duet.engine;

import dev.duet.playbook.TaskKeywords.BlockFrame;
import dev.duet.playbook.TaskKeywords.Section;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ansible's {@code block}/{@code rescue}/{@code always} on one host. A failure in a block's tasks skips the
 * rest of them and runs its rescue (the host goes on: "rescued"); without a rescue, or when the rescue
 * fails too, the enclosing blocks get the failure, their always parts still run, and the host stops when
 * it leaves them. Tasks are flattened, each marked with its blocks (outermost first).
 */
final class BlockState {
    private final Set<Integer> failedBlocks = new HashSet<>();
    private final Set<Integer> failedRescues = new HashSet<>();
    private final Set<Integer> entered = new HashSet<>();
    /** A failure no rescue caught: the host stops once it is out of the blocks that failed. */
    private boolean pendingFailure;

    /** Whether a task inside {@code frames} runs on this host. */
    boolean runs(List<BlockFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            BlockFrame f = frames.get(i);
            boolean skip = switch (f.section()) {
                case BLOCK -> failedBlocks.contains(f.id());
                case RESCUE -> !failedBlocks.contains(f.id()) || failedRescues.contains(f.id());
                case ALWAYS -> false;
            };
            // a part that failed is left, except for the always part of an inner block the failure was in
            boolean rescueNeverStarted = f.section() == Section.RESCUE && !failedBlocks.contains(f.id());
            if (skip && (rescueNeverStarted || !innerAlwaysEntered(frames, i))) {
                return false;
            }
        }
        return !stopsBefore(frames);
    }

    /** Records that the task ran, so an always part inside a block that was entered runs after a failure. */
    void ran(List<BlockFrame> frames) {
        frames.forEach(f -> entered.add(f.id()));
    }

    /**
     * A task inside {@code frames} failed on this host. Returns true if a rescue takes over (the host
     * goes on), false if the failure stands.
     */
    boolean failed(List<BlockFrame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            BlockFrame f = frames.get(i);
            if (f.section() == Section.BLOCK) {
                failedBlocks.add(f.id());
                if (f.hasRescue()) {
                    return true;
                }
            } else if (f.section() == Section.RESCUE) {
                failedRescues.add(f.id());
            }
        }
        pendingFailure = !frames.isEmpty();
        return false;
    }

    /** A host whose uncaught failure waits for always parts: stop it once no failed block encloses the next task. */
    boolean stopsBefore(List<BlockFrame> frames) {
        return pendingFailure && frames.stream().noneMatch(this::failedHere);
    }

    boolean pending() {
        return pendingFailure;
    }

    private boolean failedHere(BlockFrame f) {
        return failedBlocks.contains(f.id()) || failedRescues.contains(f.id());
    }

    private boolean innerAlwaysEntered(List<BlockFrame> frames, int from) {
        for (int j = from + 1; j < frames.size(); j++) {
            if (frames.get(j).section() == Section.ALWAYS && entered.contains(frames.get(j).id())) {
                return true;
            }
        }
        return false;
    }
}
