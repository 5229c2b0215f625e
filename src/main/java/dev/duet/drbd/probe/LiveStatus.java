package dev.duet.drbd.probe;

import dev.duet.drbd.DrbdStatus;
import dev.duet.drbd.parse.Format;

/**
 * A node's whole DRBD state as {@link DrbdProbe#live()} read it, and the interface it came through
 * ({@code drbdsetup events2 --now}, {@code drbdsetup status --json}, {@code drbdadm status} or
 * {@code /proc/drbd}).
 */
public final class LiveStatus {
    /** The interface a status came from. */
    public enum Source {
        EVENTS2(Format.EVENTS2), STATUS_JSON(Format.STATUS_JSON), DRBDADM_STATUS(Format.DRBDADM_STATUS),
        PROC_DRBD(Format.PROC_DRBD);

        private final Format format;

        Source(Format format) {
            this.format = format;
        }

        public Format format() {
            return format;
        }
    }

    /** A node's status and the interface it was read through. */
    public record Result(String node, DrbdStatus status, Source source) {
    }

    private LiveStatus() {
    }
}
