package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Adds up the time a host spends in remote commands and file transfers, so the runner can show its own overhead. */
final class TimedNode implements Node {
    private final Node delegate;
    private final AtomicLong nanos = new AtomicLong();
    private final Object lock = new Object();
    /** Calls under way on the host now, and since when there has been one: guarded by {@link #lock}. */
    private int open;
    private long openSince;

    TimedNode(Node delegate) {
        this.delegate = delegate;
    }

    void add(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Remote time so far; the runner takes differences around each task. */
    Duration spent() {
        return Duration.ofNanos(nanos.get());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CommandResult run(Command command) {
        opened();
        try {
            return delegate.run(command);
        } finally {
            closed();
        }
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        opened();
        try {
            return delegate.runAll(commands);
        } finally {
            closed();
        }
    }

    @Override
    public FileProbe probeFile(String path) {
        opened();
        try {
            return delegate.probeFile(path);
        } finally {
            closed();
        }
    }

    /**
     * A stream counts as remote time for as long as it is open (a wait following events is time spent on
     * the host, like the polls it replaces).
     */
    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        opened();
        Optional<LineStream> stream;
        try {
            stream = delegate.stream(command, onLine);
        } catch (RuntimeException | Error e) {
            closed();
            throw e;
        }
        if (stream.isEmpty()) {
            closed();
            return stream;
        }
        return Optional.of(new TimedLineStream(stream.get(), this::closed));
    }

    /**
     * Remote time is the time during which anything is under way on the host: calls that overlap (a
     * stream and the commands run meanwhile, a batch and the file probes read beside it, a peer's thread
     * reading this node) count once, so remote time never exceeds wall time.
     */
    private void opened() {
        synchronized (lock) {
            if (open++ == 0) {
                openSince = System.nanoTime();
            }
        }
    }

    private void closed() {
        synchronized (lock) {
            if (--open == 0) {
                nanos.addAndGet(System.nanoTime() - openSince);
            }
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        opened();
        try {
            return delegate.readFile(path);
        } finally {
            closed();
        }
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        opened();
        try {
            delegate.writeFile(path, content, mode, owner);
        } finally {
            closed();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
