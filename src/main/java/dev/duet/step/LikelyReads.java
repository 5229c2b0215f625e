package dev.duet.step;

import dev.duet.transport.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check half will read on a host where nothing needs to change, named without reading anything:
 * read-only probes and file paths. A head start only: the run reads them in one batch before the play's
 * first task (with everything else it reads ahead), and the check still asks for each read itself; a
 * read named here but never asked costs one probe, a read asked but not named costs one more round.
 */
public record LikelyReads(List<Command> probes, List<String> files) {
    public static final LikelyReads NONE = new LikelyReads(List.of(), List.of());

    public LikelyReads {
        probes = List.copyOf(probes);
        files = List.copyOf(files);
    }

    public static LikelyReads probes(Command... probes) {
        return new LikelyReads(List.of(probes), List.of());
    }

    public static LikelyReads files(String... paths) {
        return new LikelyReads(List.of(), List.of(paths));
    }

    /** These reads and {@code other}'s. */
    public LikelyReads and(LikelyReads other) {
        List<Command> p = new ArrayList<>(probes);
        p.addAll(other.probes);
        List<String> f = new ArrayList<>(files);
        f.addAll(other.files);
        return new LikelyReads(p, f);
    }
}
