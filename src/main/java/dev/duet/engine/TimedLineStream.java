package dev.duet.engine;

import dev.duet.transport.LineStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A stream that tells {@link TimedNode} once when it is closed, so its open time is counted as remote time. */
final class TimedLineStream implements LineStream {
    private final LineStream delegate;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TimedLineStream(LineStream delegate, Runnable onClose) {
        this.delegate = delegate;
        this.onClose = onClose;
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public String endReason() {
        return delegate.endReason();
    }

    @Override
    public java.util.concurrent.CompletionStage<String> ended() {
        return delegate.ended();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            if (closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }
}
