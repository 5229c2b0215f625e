package dev.duet.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command on a {@link FakeSshHost} (e.g. {@code drbdsetup events2}), driven by the test:
 * {@link #emit} writes lines as they would appear over time, {@link #end} makes the command exit, and
 * {@link #awaitClosedByClient} tells whether the client hung up. Answer a rule with {@code
 * FakeReply.stream(stream)}; one FakeStream serves one command.
 */
public final class FakeStream {
    private static final String END = "\u0000end";

    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private volatile int exitCode;

    public FakeStream(String... initial) {
        pending.addAll(List.of(initial));
    }

    /** Sends lines to the client (newline appended to each). */
    public FakeStream emit(String... lines) {
        pending.addAll(List.of(lines));
        return this;
    }

    /** Makes the command exit with {@code code} after the lines emitted so far. */
    public void end(int code) {
        exitCode = code;
        pending.add(END);
    }

    public boolean awaitStarted(Duration d) throws InterruptedException {
        return started.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean awaitClosedByClient(Duration d) throws InterruptedException {
        return closedByClient.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean closedByClient() {
        return closedByClient.getCount() == 0;
    }

    void markStarted() {
        started.countDown();
    }

    void markClosedByClient() {
        closedByClient.countDown();
    }

    /** The next line to write, or null when the command ends (exit code in {@link #exitCode()}). */
    String next(CountDownLatch channelClosed) throws InterruptedException {
        while (channelClosed.getCount() > 0) {
            String line = pending.poll(20, TimeUnit.MILLISECONDS);
            if (line != null) {
                return END.equals(line) ? null : line;
            }
        }
        return null;
    }

    int exitCode() {
        return exitCode;
    }
}
