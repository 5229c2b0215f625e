package dev.duet.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What check halves have read from one host during a run (probe results and file contents), valid until
 * anything changes anywhere in the run. DRBD state is pair-wide (one node's {@code drbdadm connect}
 * changes what its peer reports), so any act on any host makes every host's reads stale: the run's
 * {@link Generation} counts acts, and an answer counts only when it was read in the current generation.
 */
final class HostReads {
    /** The number of acts so far in a run, shared by all its hosts. */
    static final class Generation {
        private final AtomicLong acts = new AtomicLong();

        long current() {
            return acts.get();
        }

        /** Runs a mutation; reads from before it, or made while it ran, are stale afterwards. */
        <T> T mutating(Supplier<T> change) {
            acts.incrementAndGet();
            try {
                return change.get();
            } finally {
                acts.incrementAndGet();
            }
        }
    }

    private record Entry(long generation, Object value) {
    }

    private final Generation generation;
    private final Map<String, Entry> answers = new ConcurrentHashMap<>();
    /** Failed answers read ahead of their check: each answers one ask ({@link #putAhead}). */
    private final Map<String, Entry> ahead = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    /** Read ahead and not asked by any check yet: at the end of a run, the names that were read for nothing. */
    private final java.util.Set<String> unasked = ConcurrentHashMap.newKeySet();

    HostReads(Generation generation) {
        this.generation = generation;
    }

    Generation generation() {
        return generation;
    }

    <T> Optional<T> get(String key, Class<T> type) {
        unasked.remove(key);
        Entry e = answers.get(key);
        if (e == null || e.generation() != generation.current()) {
            Entry early = ahead.remove(key);
            return early == null || early.generation() != generation.current() ? Optional.empty()
                    : Optional.of(type.cast(early.value()));
        }
        return Optional.of(type.cast(e.value()));
    }

    /** What {@link #get} would answer from memory, without using up an answer read ahead. */
    <T> Optional<T> peek(String key, Class<T> type) {
        Entry e = answers.get(key);
        if (e == null || e.generation() != generation.current()) {
            e = ahead.get(key);
        }
        return e == null || e.generation() != generation.current() ? Optional.empty() : Optional.of(type.cast(e.value()));
    }

    /**
     * Remembers an answer read ahead of the check that will ask for it. A successful one is remembered
     * as any read is; a failed one (non-zero exit: a disabled unit, nothing mounted) answers the next ask
     * only, once, as the host would have answered it then, and the ask after that goes to the host.
     */
    void putAhead(String key, long readIn, Object value) {
        unasked.add(key);
        if (value instanceof dev.duet.transport.CommandResult r && !r.ok()) {
            answers.remove(key);
            ahead.put(key, new Entry(readIn, value));
            return;
        }
        put(key, readIn, value);
    }

    /** What was read ahead and never asked for by a check (sorted): a name that did not pay, or a task that did not run. */
    java.util.List<String> unasked() {
        return unasked.stream().sorted().toList();
    }

    /** Runs {@code read} unless the same read is already under way (both hosts' checks ask at once): then waits for it. */
    @SuppressWarnings("unchecked")
    <T> T once(String key, Supplier<T> read) {
        var mine = new java.util.concurrent.CompletableFuture<Object>();
        var other = inFlight.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return (T) other.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        try {
            T value = read.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * Remembers an answer read starting in generation {@code readIn}. A command that failed is not
     * remembered (and forgets what was): a failed probe is "unknown", and a check that asks again is
     * waiting for it to answer (the CIB of a Pacemaker that is starting), so the next ask goes to the host.
     */
    void put(String key, long readIn, Object value) {
        ahead.remove(key);
        if (value instanceof dev.duet.transport.CommandResult r && !r.ok()) {
            answers.remove(key);
            return;
        }
        answers.put(key, new Entry(readIn, value));
    }
}
