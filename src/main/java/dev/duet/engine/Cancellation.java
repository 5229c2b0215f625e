package dev.duet.engine;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.inventory.Host;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a run part-way (Ctrl-C): once cancelled, no host starts a new command or file operation (each
 * is refused, so its step fails and the host stops), while a command already running may finish. The CLI's
 * shutdown hook cancels, waits a short bound for the run to end (its recap is then printed as usual), and
 * says what was cut short. The runner needs no change: every node it opens goes through {@link #guard}.
 */
public final class Cancellation {
    private volatile String reason;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final List<Node> opened = new CopyOnWriteArrayList<>();

    public void cancel(String why) {
        reason = why;
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Every node opened through the result refuses new work once this is cancelled. */
    public NodeOpener guard(NodeOpener opener) {
        return new NodeOpener() {
            @Override
            public Node open(Host host) {
                return track(new CancellableNode(opener.open(host), Cancellation.this));
            }

            @Override
            public Node open(Host host, boolean become) {
                return track(new CancellableNode(opener.open(host, become), Cancellation.this));
            }

            @Override
            public Node open(Host host, dev.duet.transport.Escalation escalation) {
                return track(new CancellableNode(opener.open(host, escalation), Cancellation.this));
            }
        };
    }

    private Node track(Node node) {
        opened.add(node);
        return node;
    }

    /** The run is over (normally or not): whoever waits in {@link #awaitFinished} goes on. */
    public void finished() {
        finished.countDown();
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** True when the run ended within {@code bound}. */
    public boolean awaitFinished(Duration bound) {
        try {
            return finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What was refused because of the cancellation ("node1: `drbdadm primary r0`"). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** What is running on the hosts right now. */
    public List<String> running() {
        return List.copyOf(running);
    }

    /** Closes every node opened (removing temp files of cut-short writes): for a run that did not end in time. */
    public void closeAll() {
        for (Node n : opened) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // the run is being abandoned; closing is best effort
            }
        }
    }

    void checkNotCancelled(String node, String what) {
        if (reason != null) {
            refused.add(node + ": " + what);
            throw new DuetException(Reason.INTERRUPTED, node + ": " + reason + ": " + what + " not started");
        }
    }

    void started(String entry) {
        running.add(entry);
    }

    void ended(String entry) {
        running.remove(entry);
    }
}
