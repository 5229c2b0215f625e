package dev.duet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows between packages point one way. Reads the {@code import} lines of the main sources (plain
 * Java, no bytecode library) and fails on an import from a lower layer into a higher one, on a package
 * nobody placed in a layer, and on any cycle between packages, even within one layer.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/duet");

    /** Top to bottom; a package may import its own layer (without cycles) and the layers below it. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("cli"),
            Set.of("output"),
            Set.of("engine"),
            Set.of("playbook", "playbook.expr"),
            Set.of("inventory"),
            Set.of("yaml"),
            Set.of("modules", "drbd.steps", "drbd.wait", "ocfs2", "cluster", "cluster.cib", "cluster.handover"),
            Set.of("step"),
            Set.of("drbd", "drbd.parse", "drbd.probe", "drbd.config", "cluster.status"),
            Set.of("transport", "transport.keep", "transport.ssh"),
            Set.of("error"));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.duet\\.([a-z0-9.]+?)\\.[A-Z]",
            Pattern.MULTILINE);

    @Test
    void everyPackageHasALayer() {
        assertThat(graph(MAIN).keySet()).allSatisfy(pkg -> assertThat(layer(pkg))
                .as("package %s is in no layer of LayeringTest.LAYERS", pkg).isGreaterThanOrEqualTo(0));
    }

    @Test
    void noImportPointsUp() {
        List<String> upward = new ArrayList<>();
        graph(MAIN).forEach((from, tos) -> tos.forEach(to -> {
            if (layer(from) >= 0 && layer(to) >= 0 && layer(to) < layer(from)) {
                upward.add(from + " -> " + to);
            }
        }));
        assertThat(upward).as("imports from a lower layer into a higher one").isEmpty();
    }

    @Test
    void noCycleBetweenPackages() {
        assertThat(cycles(graph(MAIN))).as("package cycles").isEmpty();
    }

    @Test
    void theCheckWouldCatchABackArrowAndACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("drbd", Set.of("engine"));
        g.put("engine", Set.of("drbd"));
        assertThat(layer("drbd")).isGreaterThan(layer("engine"));
        assertThat(cycles(g)).containsExactly(List.of("drbd", "engine"));
    }

    static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    /** package (relative to dev.duet) → packages it imports, itself excluded. */
    static Map<String, Set<String>> graph(Path root) {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        var state = new Object() {
            int next;
            final Map<String, Integer> index = new TreeMap<>();
            final Map<String, Integer> low = new TreeMap<>();
            final List<String> stack = new ArrayList<>();
            final List<List<String>> found = new ArrayList<>();

            void visit(String v) {
                index.put(v, next);
                low.put(v, next++);
                stack.add(v);
                for (String w : g.getOrDefault(v, Set.of())) {
                    if (!index.containsKey(w)) {
                        visit(w);
                        low.put(v, Math.min(low.get(v), low.get(w)));
                    } else if (stack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> scc = new ArrayList<>();
                    String w;
                    do {
                        w = stack.remove(stack.size() - 1);
                        scc.add(w);
                    } while (!w.equals(v));
                    if (scc.size() > 1) {
                        scc.sort(null);
                        found.add(scc);
                    }
                }
            }
        };
        for (String v : g.keySet()) {
            if (!state.index.containsKey(v)) {
                state.visit(v);
            }
        }
        return state.found;
    }
}
