package dev.duet.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.drbd.DrbdStatus;
import dev.duet.output.StatusJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatusFixturesTest {
    static List<Fixtures> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesToTheExpectedContract(Fixtures f) {
        String text = f.text();
        if (f.expectedError().isPresent()) {
            assertThatThrownBy(() -> StatusParser.parse(text, f.format()))
                    .isInstanceOf(StatusParseException.class)
                    .hasMessage(f.expectedError().get().strip());
            return;
        }
        assertThat(f.expectedJson()).as("fixture %s needs .expected.json or .expected-error.txt", f).isPresent();
        DrbdStatus status = StatusParser.parse(text, f.format());
        assertThat(StatusJson.write(status)).isEqualTo(f.expectedJson().get().strip());
        assertThat(String.join("\n", status.skipped())).isEqualTo(f.skipped().orElse("").strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void autoDetectionFindsTheFolderFormat(Fixtures f) {
        String text = f.text();
        if (f.expectedError().isPresent() || text.isBlank()) {
            assertThatThrownBy(() -> StatusParser.parse(text)).isInstanceOf(StatusParseException.class);
            return;
        }
        assertThat(StatusParser.detect(text)).isEqualTo(f.format());
        assertThat(StatusJson.write(StatusParser.parse(text))).isEqualTo(f.expectedJson().orElseThrow().strip());
    }
}
