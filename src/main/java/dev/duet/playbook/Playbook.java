package dev.duet.playbook;

import java.nio.file.Path;
import java.util.List;

public record Playbook(Path file, List<Play> plays) {
    public Playbook {
        plays = List.copyOf(plays);
    }
}
