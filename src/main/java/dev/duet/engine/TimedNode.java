package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Adds up the time a host spends in remote commands and file transfers, so the runner can show its own overhead. */
final class TimedNode implements Node {
    private final Node delegate;
    private final AtomicLong nanos = new AtomicLong();

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
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        long t0 = System.nanoTime();
        try {
            return delegate.readFile(path);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    @Override
    public void writeFile(String path, byte[] content, String mode, String owner) {
        long t0 = System.nanoTime();
        try {
            delegate.writeFile(path, content, mode, owner);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
