package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.duet.drbd.DrbdStatus;
import dev.duet.output.StatusJson;
import dev.duet.output.StatusTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random damage to every fixture: parsing may refuse, but only with StatusParseException. */
class StatusFuzzTest {
    private static final int ITERATIONS = 200;

    static List<Fixtures> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void damagedInputNeverThrowsAnythingButTheParseError(Fixtures f) {
        Random random = new Random(f.toString().hashCode() * 31L + 7);
        String original = f.text();
        for (int i = 0; i < ITERATIONS; i++) {
            String damaged = mutate(original, random, 1 + random.nextInt(3));
            parseBothWays(damaged, f.format(), f + " mutation " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyTruncationParsesOrRefusesCleanly(Fixtures f) {
        String original = f.text();
        int step = Math.max(1, original.length() / (ITERATIONS / 2));
        for (int cut = 0; cut <= original.length(); cut += step) {
            parseBothWays(original.substring(0, cut), f.format(), f + " cut at " + cut);
        }
    }

    private static void parseBothWays(String text, Format format, String what) {
        for (int way = 0; way < 3; way++) {
            try {
                DrbdStatus s = switch (way) {
                    case 0 -> StatusParser.parse(text, format);
                    case 1 -> StatusParser.parse(text);
                    default -> streamed(text);
                };
                assertThat(s.devices()).as(what).doesNotContainNull();
                StatusJson.write(s);
                StatusTable.render(s);
            } catch (StatusParseException expected) {
                assertThat(expected.getMessage()).as(what).doesNotContain("\n");
            } catch (RuntimeException e) {
                fail(what + " (way " + way + ") threw " + e + " for input:\n" + text, e);
            }
        }
    }

    private static DrbdStatus streamed(String text) {
        var folder = new Events2Folder();
        for (String line : text.split("\n", -1)) {
            folder.accept(line);
        }
        return folder.current();
    }

    static String mutate(String text, Random r, int times) {
        String s = text;
        for (int i = 0; i < times; i++) {
            s = switch (r.nextInt(7)) {
                case 0 -> s.substring(0, r.nextInt(s.length() + 1));
                case 1 -> flip(s, r);
                case 2 -> lines(s, r, false);
                case 3 -> lines(s, r, true);
                case 4 -> insert(s, r, "\u0000".repeat(1 + r.nextInt(8)));
                case 5 -> wrap(s, 1 + r.nextInt(80));
                default -> insert(s, r, String.valueOf((char) r.nextInt(0x3000)));
            };
        }
        return s;
    }

    private static String flip(String s, Random r) {
        if (s.isEmpty()) {
            return s;
        }
        char[] c = s.toCharArray();
        int at = r.nextInt(c.length);
        c[at] = (char) (c[at] ^ (1 << r.nextInt(8)));
        return new String(c);
    }

    private static String lines(String s, Random r, boolean duplicate) {
        var list = new ArrayList<>(List.of(s.split("\n", -1)));
        int at = r.nextInt(list.size());
        if (duplicate) {
            list.add(at, list.get(at));
        } else {
            list.remove(at);
        }
        return String.join("\n", list);
    }

    private static String insert(String s, Random r, String what) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    /** Hard-wraps every line at {@code width} columns, as a terminal would. */
    private static String wrap(String s, int width) {
        var out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            for (int i = 0; i < line.length(); i += width) {
                out.append(line, i, Math.min(line.length(), i + width)).append('\n');
            }
            if (line.isEmpty()) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
