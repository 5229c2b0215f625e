package dev.duet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a test lays out under its temp directory. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code text} to {@code dir/relative}, creating the directories on the way. */
    public static Path write(Path dir, String relative, String text) {
        Path f = dir.resolve(relative);
        try {
            Files.createDirectories(f.getParent());
            return Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
