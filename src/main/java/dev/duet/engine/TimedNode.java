package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.FileProbe;
import dev.duet.transport.LineStream;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Adds up the time a host spends in remote commands and file transfers, so the runner can show its own overhead. */
final class TimedNode implements Node {
    private final Node delegate;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger streams = new AtomicInteger();
    private long streamsSince;

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
        long t0 = System.nanoTime();
        try {
            return delegate.run(command);
        } finally {
            count(t0);
        }
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        long t0 = System.nanoTime();
        try {
            return delegate.runAll(commands);
        } finally {
            count(t0);
        }
    }

    @Override
    public FileProbe probeFile(String path) {
        long t0 = System.nanoTime();
        try {
            return delegate.probeFile(path);
        } finally {
            count(t0);
        }
    }

    /**
     * A stream counts as remote time for as long as it is open (a wait following events is time spent on
     * the host, like the polls it replaces); commands run meanwhile are not counted twice.
     */
    @Override
    public Optional<LineStream> stream(Command command, Consumer<String> onLine) {
        synchronized (streams) {
            if (streams.getAndIncrement() == 0) {
                streamsSince = System.nanoTime();
            }
        }
        Optional<LineStream> stream;
        try {
            stream = delegate.stream(command, onLine);
        } catch (RuntimeException | Error e) {
            streamEnded();
            throw e;
        }
        if (stream.isEmpty()) {
            streamEnded();
            return stream;
        }
        return Optional.of(new TimedLineStream(stream.get(), this::streamEnded));
    }

    private void streamEnded() {
        synchronized (streams) {
            if (streams.decrementAndGet() == 0) {
                nanos.addAndGet(System.nanoTime() - streamsSince);
            }
        }
    }

    /** Adds the time since t0, unless an open stream already counts it. */
    private void count(long t0) {
        if (streams.get() == 0) {
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        long t0 = System.nanoTime();
        try {
            return delegate.readFile(path);
        } finally {
            count(t0);
        }
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        long t0 = System.nanoTime();
        try {
            delegate.writeFile(path, content, mode, owner);
        } finally {
            count(t0);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
