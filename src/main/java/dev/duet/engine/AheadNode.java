package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ProbeBatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A host as a check half run ahead of its turn sees it ({@link ChecksAhead}): it answers only from what
 * the run already remembers, and a read it cannot answer is noted (to be read ahead in one batch) and
 * ends that check there. Nothing is ever sent from here: no command, no file read, no write. A check
 * that asks the same question again and again (a poll), gets a failed answer, or would change anything
 * is not followed further; its real turn reads the host as always.
 */
final class AheadNode implements Node {
    /** Ends a check run ahead; not an error. */
    static final class Stop extends RuntimeException {
        private Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();

    private final CachedNode memory;
    private final Set<Command> probes = new LinkedHashSet<>();
    private final Set<String> files = new LinkedHashSet<>();
    /** Asks answered in the check now running, per question: past {@link #ASKS} of one, it is a poll. */
    private final java.util.Map<Object, Integer> answered = new java.util.HashMap<>();
    static final int ASKS = 3;

    AheadNode(CachedNode memory) {
        this.memory = memory;
    }

    CachedNode memory() {
        return memory;
    }

    /**
     * Notes what a check will most likely read, to go with this round's batch: only read-only probes, and
     * only what the run does not remember. An answer read ahead, failed ones too, stays remembered until a
     * check's own turn asks it, so a later round does not read it again.
     */
    synchronized void hint(dev.duet.step.LikelyReads likely) {
        for (Command c : likely.probes()) {
            if (ProbeBatch.batchable(c) && memory.remembered(c).isEmpty()) {
                probes.add(c);
            }
        }
        for (String path : likely.files()) {
            if (memory.rememberedProbe(path).isEmpty()) {
                files.add(path);
            }
        }
    }

    /** Starts the next check: its asks are counted afresh. */
    synchronized void nextCheck() {
        answered.clear();
    }

    synchronized List<Command> probesToRead() {
        return new ArrayList<>(probes);
    }

    synchronized List<String> filesToRead() {
        return new ArrayList<>(files);
    }

    synchronized boolean nothingToRead() {
        return probes.isEmpty() && files.isEmpty();
    }

    synchronized void clearToRead() {
        probes.clear();
        files.clear();
    }

    @Override
    public String name() {
        return memory.name();
    }

    @Override
    public CommandResult run(Command command) {
        return runAll(List.of(command)).get(0);
    }

    @Override
    public synchronized List<CommandResult> runAll(List<Command> commands) {
        List<CommandResult> out = new ArrayList<>();
        boolean missing = false;
        for (Command c : commands) {
            if (!ProbeBatch.batchable(c)) {
                throw STOP;
            }
            Optional<CommandResult> known = memory.remembered(c);
            if (known.isEmpty()) {
                probes.add(c);
                missing = true;
            } else if (!known.get().ok() || asked(c)) {
                throw STOP;
            } else {
                out.add(known.get());
            }
        }
        if (missing) {
            throw STOP;
        }
        return out;
    }

    @Override
    public synchronized FileProbe probeFile(String path) {
        Optional<FileProbe> known = memory.rememberedProbe(path);
        if (known.isEmpty()) {
            files.add(path);
            throw STOP;
        }
        if (asked("probe " + path)) {
            throw STOP;
        }
        return known.get();
    }

    /** Counts an ask; true when the same question was asked {@link #ASKS} times already in this check. */
    private boolean asked(Object question) {
        return answered.merge(question, 1, Integer::sum) > ASKS;
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return probeFile(path).content();
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        throw STOP;
    }

    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        throw STOP;
    }

    @Override
    public void close() {
        // the host's connection belongs to the run
    }
}
