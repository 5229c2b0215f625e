package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import dev.duet.playbook.Play;
import dev.duet.step.Args;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ansible's precedence: -e &gt; play vars &gt; inventory (all variables) &gt; the play's become keyword &gt; off. */
class BecomeTest {
    private static final Args.Location AT = new Args.Location(Path.of("site.yml"), 1, 3);

    private static Play play(boolean become) {
        return new Play("p", "all", Map.of(), become, false, List.of(), AT,
                Map.of("ansible_become", new Args.Location(Path.of("site.yml"), 4, 5)));
    }

    @Test
    void theKeywordAppliesWhenNoVariableIsSet() {
        assertThat(Become.effective(play(true), Map.of(), Map.of())).isTrue();
        assertThat(Become.effective(play(false), Map.of(), Map.of())).isFalse();
    }

    @Test
    void theVariableBeatsTheKeywordBothWays() {
        assertThat(Become.effective(play(true), Map.of("ansible_become", false), Map.of())).isFalse();
        assertThat(Become.effective(play(false), Map.of("ansible_become", "yes"), Map.of())).isTrue();
    }

    @Test
    void extraVarsBeatEverything() {
        assertThat(Become.effective(play(false), Map.of("ansible_become", true), Map.of("ansible_become", "false")))
                .isFalse();
    }

    @Test
    void aValueThatIsNotABooleanIsAnInputError() {
        InputException e = assertThrows(InputException.class,
                () -> Become.effective(play(true), Map.of("ansible_become", "sometimes"), Map.of()));
        assertThat(e.getMessage()).startsWith("site.yml:4:5: ").contains("ansible_become must be true/false", "'sometimes'");
    }
}
