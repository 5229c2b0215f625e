package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.drbd.DrbdStatus;
import dev.duet.output.StatusJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Status as users paste it: long lines wrapped by a narrow terminal, a pager or an e-mail, the continuation
 * indented and holding only {@code key:value} words. Every events2 and drbdadm status fixture, wrapped that
 * way, must read exactly as the original.
 */
class PastedStatusTest {
    static List<Fixtures> wrappable() {
        return Fixtures.all().stream()
                .filter(f -> f.format() == Format.EVENTS2 || f.format() == Format.DRBDADM_STATUS)
                .filter(f -> f.expectedJson().isPresent() && f.skipped().isEmpty() && !f.text().isBlank())
                .toList();
    }

    /** Word-wraps each line at {@code width}, continuing with an indent, where the rest is key:value words. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            List<String> words = List.of(line.strip().split("\\s+"));
            StringBuilder current = new StringBuilder(indent);
            List<String> emitted = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                boolean restIsKeyValue = words.subList(i, words.size()).stream().allMatch(x -> x.matches("[a-z][a-z0-9_-]*:\\S*"));
                if (current.length() + w.length() + 1 > width && current.toString().strip().length() > 0 && restIsKeyValue) {
                    emitted.add(current.toString());
                    current = new StringBuilder(indent + "      ");
                }
                current.append(current.toString().isBlank() ? "" : " ").append(w);
            }
            emitted.add(current.toString());
            out.append(String.join("\n", emitted)).append("\n");
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrappable")
    void aWrappedPasteReadsAsTheOriginal(Fixtures f) {
        String wrapped = wrap(f.text(), 40);
        assertThat(wrapped).as("the wrap must change something").isNotEqualTo(f.text());

        DrbdStatus status = StatusParser.parse(wrapped);

        assertThat(StatusJson.write(status)).as(wrapped).isEqualTo(f.expectedJson().orElseThrow().strip());
        assertThat(status.skipped()).isEmpty();
    }

    @Test
    void aConnectionNameLeftAloneOnItsLine() {
        String pasted = """
                r0 role:Primary suspended:no
                  volume:0 minor:0 disk:UpToDate
                  peer
                      connection:Connected role:Secondary congested:no
                    volume:0 replication:Established peer-disk:Inconsistent
                """;

        DrbdStatus s = StatusParser.parse(pasted);

        assertThat(s.devices()).hasSize(1);
        assertThat(s.devices().get(0).role()).isEqualTo("Primary");
        assertThat(s.devices().get(0).peers().get(0).role()).isEqualTo("Secondary");
        assertThat(s.devices().get(0).peers().get(0).disk()).isEqualTo("Inconsistent");
        assertThat(s.skipped()).isEmpty();
    }

    @Test
    void theUserGuidesPeerDiskOnThePeerDeviceLine() {
        String guide = """
                home role:Secondary
                  disk:UpToDate
                  nina role:Secondary
                    disk:Inconsistent
                  nino role:Primary
                    replication:SyncSource peer-disk:UpToDate
                """;

        DrbdStatus s = StatusParser.parse(guide);

        assertThat(s.devices()).hasSize(1);
        assertThat(s.devices().get(0).disk()).isEqualTo("UpToDate");
        assertThat(s.devices().get(0).peers()).extracting(p -> p.name() + "=" + p.disk())
                .containsExactly("nina=Inconsistent", "nino=UpToDate");
    }

    @Test
    void drbdOverviewsTwoLineForm() {
        String oneLine = """
                  0:r0/0  Connected Primary/Secondary UpToDate/Inconsistent C r----- /srv/shared ocfs2 1.0G 18M 1007M 2%
                  1:r1/0  WFConnection Primary/Unknown UpToDate/DUnknown C r-----
                """;
        String twoLine = """
                  0:r0/0  Connected Primary/Secondary
                          UpToDate/Inconsistent C r----- /srv/shared ocfs2 1.0G 18M 1007M 2%
                  1:r1/0  WFConnection Primary/Unknown
                          UpToDate/DUnknown C r-----
                """;

        DrbdStatus expected = StatusParser.parse(oneLine);
        DrbdStatus pasted = StatusParser.parse(twoLine);

        assertThat(expected.devices().get(0).disk()).isEqualTo("UpToDate");
        assertThat(StatusJson.write(pasted)).isEqualTo(StatusJson.write(expected));
        assertThat(pasted.skipped()).isEmpty();
    }
}
