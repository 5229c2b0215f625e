package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.step.Progress;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns successive device states into progress figures. Percent is computed from out-of-sync over the
 * device size (which means the same in every status format, unlike {@code sync'ed:} vs {@code done:});
 * speed is the average since the first sample, ETA what is left at that speed.
 */
public final class SyncProgress {
    private final String label;
    private Long firstOos;
    private long firstNanos;

    public SyncProgress(String label) {
        this.label = label;
    }

    public Optional<Progress> update(Device d, long nowNanos) {
        Long oos = d.outOfSyncKiB();
        if (oos == null) {
            return Optional.empty();
        }
        if (firstOos == null) {
            firstOos = oos;
            firstNanos = nowNanos;
        }
        long size = d.sizeKiB() != null && d.sizeKiB() > 0 ? d.sizeKiB() : Math.max(firstOos, 1);
        double percent = Math.max(0, Math.min(100, 100.0 * (size - oos) / size));
        double seconds = (nowNanos - firstNanos) / 1e9;
        Long speed = null;
        Duration eta = null;
        if (seconds > 0 && firstOos > oos) {
            speed = Math.round((firstOos - oos) / seconds);
            if (speed > 0) {
                eta = Duration.ofSeconds(oos / speed);
            }
        }
        return Optional.of(new Progress(label, percent, speed, eta));
    }
}
