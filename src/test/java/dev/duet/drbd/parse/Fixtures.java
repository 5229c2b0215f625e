package dev.duet.drbd.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The status fixtures under src/test/resources/drbd-status/FORMAT/NAME.txt, each with NAME.expected.json
 * (the output contract) or NAME.expected-error.txt (the one-line parse error), and NAME.skipped.txt when
 * the parse must skip lines.
 */
record Fixtures(Format format, String name, Path input) {
    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/drbd-status").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixtures> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .filter(p -> !p.getFileName().toString().contains(".expected") && !p.toString().endsWith(".skipped.txt"))
                    .sorted()
                    .map(p -> new Fixtures(Format.byId(p.getParent().getFileName().toString()),
                            p.getFileName().toString().replaceFirst("\\.txt$", ""), p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return read(input).orElseThrow();
    }

    Optional<String> expectedJson() {
        return read(sibling(".expected.json"));
    }

    Optional<String> expectedError() {
        return read(sibling(".expected-error.txt"));
    }

    Optional<String> skipped() {
        return read(sibling(".skipped.txt"));
    }

    private Path sibling(String suffix) {
        return input.resolveSibling(name + suffix);
    }

    private static Optional<String> read(Path p) {
        try {
            return Files.exists(p) ? Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return format.id() + "/" + name;
    }
}
