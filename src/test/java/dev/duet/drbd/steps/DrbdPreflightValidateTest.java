package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.InputException;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** drbd_preflight refuses a bad node name at load time on its own, not only through drbd_resource. */
class DrbdPreflightValidateTest {
    private static final Args.Location WHERE = new Args.Location(Path.of("site.yml"), 12, 7);
    private final DrbdPreflightModule module = new DrbdPreflightModule(Fixtures.env());

    @Test
    void aNodeNameWithShellMetacharactersIsRefusedNamingFileAndLine() {
        for (String key : List.of("name", "host")) {
            Map<String, Object> entry = key.equals("name") ? Map.of("name", "node1;reboot")
                    : Map.of("name", "node1", "host", "$(reboot)");
            assertThatThrownBy(() -> module.validate(Map.of("resource", "r0", "nodes", List.of(entry)), WHERE))
                    .isInstanceOf(InputException.class).hasMessageContaining("site.yml:12")
                    .hasMessageContaining("plain names");
        }
    }

    @Test
    void plainAndTemplatedNamesPassAtLoadTime() {
        assertThatCode(() -> module.validate(Map.of("resource", "r0", "nodes", List.of(Map.of("name", "node1"),
                Map.of("name", "{{ second }}"))), WHERE)).doesNotThrowAnyException();
    }
}
