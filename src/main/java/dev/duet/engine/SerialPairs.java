package dev.duet.engine;

import dev.duet.error.InputException;
import dev.duet.inventory.Host;
import dev.duet.playbook.Play;
import dev.duet.playbook.Task;
import dev.duet.step.Args;
import dev.duet.step.ModuleRegistry;
import java.util.List;
import java.util.stream.Stream;

/**
 * A play's hosts are the pair its DRBD, OCFS2 and cluster modules coordinate: a {@code serial} that puts
 * them in different batches would run those modules on half a pair, so it is refused where it is written.
 * (On an inventory of many pairs each pair is a run of its own, and the batches are whole pairs; see
 * {@link PairRuns}.)
 */
final class SerialPairs {
    private SerialPairs() {
    }

    static void check(Play play, List<Host> pair, List<Host> firstBatch, ModuleRegistry modules) {
        Stream.concat(play.tasks().stream(), play.handlers().stream())
                .filter(t -> !t.isFlushHandlers())
                .filter(t -> modules.find(t.module()).map(m -> m.pairCoordinated()).orElse(false))
                .findFirst()
                .ifPresent(t -> {
                    throw refusal(play, pair, firstBatch, t);
                });
    }

    private static InputException refusal(Play play, List<Host> pair, List<Host> firstBatch, Task t) {
        Args.Location at = play.serial().where();
        return new InputException(at.file(), at.line(), at.column(), "play '" + play.name() + "': serial: "
                + play.serial() + " splits the pair " + names(pair) + " (first batch: " + names(firstBatch) + "), but '"
                + t.module() + "' (task '" + t.name() + "', line " + t.where().line() + ") acts on both nodes of the"
                + " pair at once; give serial whole pairs (serial: " + pair.size() + ", or a multiple of 2 on an"
                + " inventory of many pairs)");
    }

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }
}
