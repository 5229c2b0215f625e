package dev.duet.step;

import java.time.Duration;

/** A long act's progress: percent done (0..100), speed in KiB/s and ETA when known, and a short label. */
public record Progress(String label, double percent, Long speedKiBs, Duration eta) {
}
