package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.cluster.status.PacemakerOwnership;
import dev.duet.error.DuetException;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Step;
import dev.duet.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** drbd_up with defer_to_pacemaker: a resource in Pacemaker's CIB is never brought up or reconnected by Duet. */
class DrbdUpDefersToPacemakerTest {
    private static Step step(boolean defer) {
        return new DrbdUpModule(Fixtures.env())
                .bind(new Args("drbd_up", Map.of("resource", "r0", "defer_to_pacemaker", defer), null));
    }

    /** The CIB the lab's hand-built protected pair stored (cibadmin --query, the same document as cib.xml). */
    private static String labCib() throws IOException {
        String capture = Files.readString(Path.of("src/test/resources/cluster/lab/cibadmin_query__healthy__node1.txt"));
        return capture.substring(capture.indexOf("<cib "), capture.indexOf("</cib>") + "</cib>".length());
    }

    @Test
    void aDownResourcePacemakerManagesIsLeftToPacemakerInCheckAndAct() throws IOException {
        var n2 = Fixtures.node("node2", null).file(PacemakerOwnership.CIB_FILE, labCib());
        var ctx = TestContext.pair("node2", false, n2);
        Check c = step(true).check(ctx);
        assertThat(c.kind()).isEqualTo(Check.Kind.OK);
        assertThat(c.message()).contains("Pacemaker manages r0");
        assertThat(step(true).act(ctx, Check.change("forced")).changed()).isFalse();
        assertThat(n2.mutatingCommands()).isEmpty();
    }

    @Test
    void withoutACibOrWithoutDeferringTheResourceIsBroughtUpAsBefore() throws IOException {
        var fresh = Fixtures.node("node1", null);
        assertThat(step(true).check(TestContext.pair("node1", true, fresh)).message()).contains("would run `drbdadm up r0`");
        var owned = Fixtures.node("node1", null).file(PacemakerOwnership.CIB_FILE, labCib());
        assertThat(step(false).check(TestContext.pair("node1", true, owned)).message()).contains("would run `drbdadm up r0`");
        var other = Fixtures.node("node1", null).file(PacemakerOwnership.CIB_FILE, labCib().replace(
                "name=\"drbd_resource\" value=\"r0\"", "name=\"drbd_resource\" value=\"r9\""));
        assertThat(step(true).check(TestContext.pair("node1", true, other)).message()).contains("would run `drbdadm up r0`");
    }

    @Test
    void aCibThatCannotBeParsedIsUnknownAndRefuses() {
        var n1 = Fixtures.node("node1", null).file(PacemakerOwnership.CIB_FILE, "<cib><configuration>");
        assertThatThrownBy(() -> step(true).check(TestContext.pair("node1", true, n1)))
                .isInstanceOf(DuetException.class).hasMessageContaining("cannot tell whether Pacemaker manages r0");
        assertThat(n1.mutatingCommands()).isEmpty();
    }
}
