package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import dev.duet.transport.ProbeBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A host as check halves see it: a read-only probe already answered in this run (and since the last act
 * anywhere) is answered from memory, so node name, versions, DRBD status and file contents are read once
 * per run, not once per step. Act halves get the {@link #fresh()} view of the same host: every read goes
 * to the host (an act re-reads what it acts on right before acting; waits poll real state) and refreshes
 * the memory, and every change marks all reads of the run stale. Streams are never cached.
 */
final class CachedNode implements Node {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CachedNode.class);
    private final Node delegate;
    private final HostReads reads;
    private final boolean fresh;

    CachedNode(Node delegate, HostReads reads) {
        this(delegate, reads, false);
    }

    private CachedNode(Node delegate, HostReads reads, boolean fresh) {
        this.delegate = delegate;
        this.reads = reads;
        this.fresh = fresh;
    }

    /** The view for act halves: reads go to the host. */
    CachedNode fresh() {
        return fresh ? this : new CachedNode(delegate, reads, true);
    }

    static Node fresh(Node node) {
        return node instanceof CachedNode c ? c.fresh() : node;
    }

    static Map<String, Node> fresh(Map<String, Node> nodes) {
        Map<String, Node> out = new LinkedHashMap<>();
        nodes.forEach((name, n) -> out.put(name, fresh(n)));
        return out;
    }

    /**
     * Runs a step's act half on {@code node}: every read remembered before it, or made while it ran, is
     * stale afterwards, even when the act only waited. A wait returns once the pair's state has moved
     * (a peer connected, a resync ended), and what the checks remembered from before it no longer holds:
     * in the lab a recovery's promote check was answered "Connecting" from memory right after the wait
     * for "Connected" had returned.
     */
    static <T> T acting(Node node, java.util.function.Supplier<T> act) {
        return node instanceof CachedNode cached ? cached.reads.generation().mutating(act) : act.get();
    }

    /** The run's act count now: an answer read from here on is current until the next act. */
    long generation() {
        return reads.generation().current();
    }

    /**
     * Records the answer another probe already gave to {@code command} (read starting in generation
     * {@code readIn}), so check halves asking it get that answer without a round trip.
     */
    void remember(Command command, CommandResult answer, long readIn) {
        reads.put(key(command), readIn, answer);
    }

    /** The answer a check half asking {@code command} now would get from memory, if any (nothing is sent). */
    Optional<CommandResult> remembered(Command command) {
        return reads.peek(key(command), CommandResult.class);
    }

    /** The file probe a check half would get from memory, if any (nothing is sent). */
    Optional<FileProbe> rememberedProbe(String path) {
        return reads.peek("probe " + path, FileProbe.class);
    }

    /**
     * How long a batch read ahead may take. It is only a head start: past this the read ahead is given up,
     * and each check reads on its own with its own timeout, so a probe that hangs costs this much extra
     * rather than its whole timeout twice.
     */
    static final java.time.Duration AHEAD_LIMIT = java.time.Duration.ofSeconds(60);

    /**
     * Reads ahead of the checks that will ask: the probes go as one batch (one round trip, within
     * {@link #AHEAD_LIMIT}), the files one probe each, and every answer is remembered as if a check had read
     * it ({@link HostReads#putAhead}).
     */
    void readAhead(List<Command> probes, List<String> files) {
        long readIn = reads.generation().current();
        if (probes.isEmpty() || files.isEmpty()) {
            readProbes(probes, readIn);
            readFiles(files, readIn);
            return;
        }
        // the files go meanwhile, over the connection's SFTP channel: a file probe starts no process on
        // the host, so it does not compete with the batch for a slow host's CPU, and its round trips overlap
        java.util.concurrent.CompletableFuture<Void> fileReads = java.util.concurrent.CompletableFuture.runAsync(
                () -> readFiles(files, readIn), task -> {
                    Thread t = new Thread(task, "duet-ahead-files-" + name());
                    t.setDaemon(true);
                    t.start();
                });
        try {
            readProbes(probes, readIn);
        } catch (RuntimeException batchFailed) {
            fileReads.exceptionally(ignored -> null).join(); // the files end first, whatever became of them
            throw batchFailed;
        }
        try {
            fileReads.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void readProbes(List<Command> probes, long readIn) {
        if (probes.isEmpty()) {
            return;
        }
        List<Command> limited = probes.stream()
                .map(p -> p.timeout().compareTo(AHEAD_LIMIT) > 0 ? p.withTimeout(AHEAD_LIMIT) : p).toList();
        List<CommandResult> got = delegate.runAll(limited);
        for (int i = 0; i < got.size(); i++) {
            Command asked = probes.get(i);
            CommandResult r = got.get(i);
            reads.putAhead(key(asked), readIn, new CommandResult(asked, r.exitCode(), r.stdout(), r.stderr(), r.duration()));
        }
    }

    private void readFiles(List<String> files, long readIn) {
        for (String path : files) {
            reads.putAhead("probe " + path, readIn, delegate.probeFile(path));
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CommandResult run(Command command) {
        return runAll(List.of(command)).get(0);
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        if (!commands.stream().allMatch(ProbeBatch::batchable)) {
            return reads.generation().mutating(() -> delegate.runAll(commands));
        }
        CommandResult[] out = new CommandResult[commands.size()];
        List<Command> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Optional<CommandResult> known = fresh ? Optional.empty()
                    : reads.get(key(commands.get(i)), CommandResult.class);
            if (known.isPresent()) {
                out[i] = known.get();
            } else {
                missing.add(commands.get(i));
                where.add(i);
            }
        }
        if (missing.size() == 1 && !fresh) {
            Command c = missing.get(0);
            out[where.get(0)] = reads.once(key(c), () -> {
                long readIn = reads.generation().current();
                CommandResult r = delegate.runAll(List.of(c)).get(0);
                reads.put(key(c), readIn, r);
                return r;
            });
        } else if (!missing.isEmpty()) {
            long readIn = reads.generation().current();
            List<CommandResult> got = delegate.runAll(missing);
            for (int j = 0; j < got.size(); j++) {
                out[where.get(j)] = got.get(j);
                reads.put(key(missing.get(j)), readIn, got.get(j));
            }
        }
        return List.of(out);
    }

    /** A check half reading a file gets its mode and owner along (file checks ask for both next). */
    @Override
    public Optional<byte[]> readFile(String path) {
        return fresh ? delegate.readFile(path) : probeFile(path).content();
    }

    @Override
    public FileProbe probeFile(String path) {
        Optional<FileProbe> known = fresh ? Optional.empty() : reads.get("probe " + path, FileProbe.class);
        if (known.isPresent()) {
            return known.get();
        }
        long readIn = reads.generation().current();
        FileProbe probe = delegate.probeFile(path);
        reads.put("probe " + path, readIn, probe);
        return probe;
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        reads.generation().mutating(() -> {
            delegate.writeFile(path, content, mode, owner);
            return null;
        });
    }

    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        return delegate.stream(command, onLine);
    }

    @Override
    public void close() {
        List<String> unasked = reads.unasked();
        if (!unasked.isEmpty()) {
            // for whoever tunes the names of likely reads: these cost a probe each and answered no check
            LOG.info("{}: read ahead, never asked by a check: {}", name(), unasked);
        }
        delegate.close();
    }

    private static String key(Command c) {
        return "run " + c.timeout().toMillis() + " " + c.line();
    }
}
