package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.output.InventoryListing;
import dev.duet.output.PyJson;
import dev.duet.output.PyYaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inventories under {@code src/test/resources/ansible-recorded/CASE/} with what the real
 * {@code ansible-inventory} (2.14 of Debian 12) printed for them, so CI checks Duet against Ansible without
 * Ansible installed. Each {@code *.recorded} file starts with {@code # ansible-inventory ARGS} (run in the
 * case's directory: {@code -i INV --list [--yaml]} or {@code --host H}; several {@code -i} are read in
 * order into one inventory), then comment lines naming the
 * version and Ansible's stderr, then its stdout byte for byte, which Duet's reader and listing must print
 * (Duet promises ansible-inventory's text, not only its structure). The cases came from a differential run
 * of {@code scripts/ansible-diff}; record a new one the same way, in the case's directory.
 */
class AnsibleRecordedInventoryTest {
    static Stream<Path> recordings() throws IOException, URISyntaxException {
        Path root = Path.of(AnsibleRecordedInventoryTest.class.getResource("/ansible-recorded").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> out = files.filter(p -> p.getFileName().toString().endsWith(".recorded")).sorted().toList();
            assertThat(out).isNotEmpty();
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void duetPrintsWhatAnsibleInventoryPrinted(Path recording) throws IOException {
        List<String> lines = Arrays.asList(Files.readString(recording, StandardCharsets.UTF_8).split("\n", -1));
        String command = lines.get(0);
        assertThat(command).startsWith("# ansible-inventory ");
        assertThat(lines.get(1)).contains("ansible-inventory [core 2.14", "Debian 12");
        int body = 1;
        while (lines.get(body).startsWith("#")) {
            body++;
        }
        String expected = String.join("\n", lines.subList(body, lines.size()));

        List<String> args = new ArrayList<>(Arrays.asList(command.substring("# ansible-inventory ".length()).split(" ")));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-i")) {
                Path source = recording.getParent().resolve(args.get(++i));
                // a host list ('node1,node2,') is no path: as written
                sources.add(Files.exists(source) || !args.get(i).contains(",") ? source : Path.of(args.get(i)));
            }
        }
        boolean yaml = args.contains("--yaml");
        Inventory inv = new InventoryLoader().load(sources, null);
        InventoryListing listing = new InventoryListing(inv);
        String actual;
        if (args.contains("--list")) {
            actual = yaml ? listing.yaml() : listing.json();
        } else {
            Host host = inv.hosts().get(args.get(args.indexOf("--host") + 1));
            assertThat(host).as("the recorded host").isNotNull();
            actual = yaml ? PyYaml.dump(listing.hostVars(host)) : PyJson.dump(listing.hostVars(host));
        }
        assertThat(actual.endsWith("\n") ? actual : actual + "\n").as(command).isEqualTo(expected);
    }
}
