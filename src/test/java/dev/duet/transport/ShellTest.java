package dev.duet.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void wordsOfOnlyPlainCharactersStayAsTheyAre() {
        assertThat(Shell.quote("drbdsetup")).isEqualTo("drbdsetup");
        assertThat(Shell.quote("/etc/drbd.d/r0.res")).isEqualTo("/etc/drbd.d/r0.res");
        assertThat(Shell.quote("user@host:a,b=c+d%e_f-g")).isEqualTo("user@host:a,b=c+d%e_f-g");
    }

    @Test
    void everyOtherWordIsSingleQuotedWithItsQuotesEscaped() {
        assertThat(Shell.quote("")).isEqualTo("''");
        assertThat(Shell.quote("a b")).isEqualTo("'a b'");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(Shell.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(Shell.quote("é")).isEqualTo("'é'");
    }

    @Test
    void exactlyTheCharactersNoShellTreatsSpeciallyAreLeftUnquoted() {
        for (char c = 0; c < 0x3000; c++) {
            String word = "a" + c;
            boolean plain = String.valueOf(c).matches("[A-Za-z0-9_@%+=:,./-]");
            assertThat(Shell.quote(word)).as("U+%04X", (int) c).isEqualTo(plain ? word : "'" + word.replace("'", "'\"'\"'") + "'");
        }
    }

    @Test
    void aJoinedLineSplitsBackIntoTheSameWords() {
        List<String> argv = List.of("sh", "-c", "echo \"$1\" 'x'", "sh", "", "a b", "it's", "--opt=v");
        assertThat(ShellWords.split(Shell.join(argv))).isEqualTo(argv);
    }
}
