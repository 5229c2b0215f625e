package dev.duet.step;

/**
 * A step that can run as a read-only command, for tasks the user declared read-only
 * ({@code check_mode: false} with {@code changed_when: false}, e.g. {@code command: cat /proc/drbd}).
 * The command goes out marked read-only, so check mode lets it through; the result carries its output.
 */
public interface Probe {
    Done probe(StepContext ctx);
}
