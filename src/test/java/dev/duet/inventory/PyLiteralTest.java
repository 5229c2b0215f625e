package dev.duet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values are what Python's ast.literal_eval returns, or the text when it raises. */
class PyLiteralTest {
    @Test
    void numbersInEveryBaseAndSign() {
        assertThat(PyLiteral.eval("0x10")).isEqualTo(16);
        assertThat(PyLiteral.eval("0o17")).isEqualTo(15);
        assertThat(PyLiteral.eval("0b101")).isEqualTo(5);
        assertThat(PyLiteral.eval("1_000")).isEqualTo(1000);
        assertThat(PyLiteral.eval("-5")).isEqualTo(-5);
        assertThat(PyLiteral.eval("+5")).isEqualTo(5);
        assertThat(PyLiteral.eval("00")).isEqualTo(0);
        assertThat(PyLiteral.eval("1.5")).isEqualTo(1.5);
        assertThat(PyLiteral.eval("1e3")).isEqualTo(1000.0);
        assertThat(PyLiteral.eval("4294967296")).isEqualTo(4294967296L);
    }

    @Test
    void pythonRefusesTheseSoTheyStayText() {
        for (String text : List.of("0644", "yes", "no", "true", "false", "FALSE", "/dev/vdb", "192.168.77.1",
                "--5", "1 2", "12abc", "", "lab  # a comment", "~/.ssh/id", "[1, 2", "'open")) {
            assertThat(PyLiteral.eval(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void constantsStringsAndContainers() {
        assertThat(PyLiteral.eval("True")).isEqualTo(true);
        assertThat(PyLiteral.eval("False")).isEqualTo(false);
        assertThat(PyLiteral.eval("None")).isNull();
        assertThat(PyLiteral.eval("'a b'")).isEqualTo("a b");
        assertThat(PyLiteral.eval("\"x\\ty\"")).isEqualTo("x\ty");
        assertThat(PyLiteral.eval("'a' 'b'")).isEqualTo("ab");
        assertThat(PyLiteral.eval("'03#pa33w0rd'")).isEqualTo("03#pa33w0rd");
        assertThat(PyLiteral.eval("[1, 'x', None]")).isEqualTo(Arrays.asList(1, "x", null));
        assertThat(PyLiteral.eval("(1, 2,)")).isEqualTo(List.of(1, 2));
        assertThat(PyLiteral.eval("{'a': 1, 'b': [True]}")).isEqualTo(Map.of("a", 1, "b", List.of(true)));
    }

    @Test
    void aTrailingCommentAfterALiteralIsDropped() {
        // ast.parse ignores comments: "[web:vars] http_port=8080 # note" is 8080 in Ansible
        assertThat(PyLiteral.eval("8080 # all members of web")).isEqualTo(8080);
        assertThat(PyLiteral.eval("True # vars in child groups")).isEqualTo(true);
    }
}
