package dev.duet.drbd.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duet.error.DuetException;
import dev.duet.error.InputException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdResourceStepTest {
    private final DrbdResourceModule module = new DrbdResourceModule(Fixtures.env());

    static Map<String, Object> args() {
        var a = new HashMap<String, Object>();
        a.put("resource", "r0");
        a.put("device", "/dev/drbd0");
        a.put("disk", "/dev/vdb");
        a.put("nodes", List.of(Map.of("name", "node1", "address", "10.99.0.1"),
                Map.of("name", "node2", "address", "10.99.0.2")));
        return a;
    }

    private static ScriptedNode fresh(String name) {
        return Fixtures.node(name, null).on("stat -c", 0, "644 root:root\n");
    }

    @Test
    void writesBothFilesOnAFreshNodeWithoutAdjust() {
        var n1 = fresh("node1");
        var n2 = fresh("node2");
        var ctx = TestContext.pair("node1", false, n1, n2);
        var step = module.bind(new Args("drbd_resource", args(), null));
        Check c = step.check(ctx);
        assertThat(c.needsChange()).isTrue();
        assertThat(c.diff()).contains("+resource r0 {", "+        address ipv4 10.99.0.2:7789;");
        assertThat(step.act(ctx, c)).isEqualTo(Done.changed(
                "created /etc/drbd.d/global_common.conf; created /etc/drbd.d/r0.res", c.diff()));
        assertThat(n1.writes()).containsExactly("/etc/drbd.d/global_common.conf", "/etc/drbd.d/r0.res");
        assertThat(n1.fileText("/etc/drbd.d/global_common.conf")).contains("usage-count no;");
        assertThat(n1.mutatingCommands()).as("resource down: no adjust").isEmpty();
        assertThat(n2.writes()).as("each host writes only its own files").isEmpty();
    }

    @Test
    void allowTwoPrimariesAfterInitialSyncIsNoOnFreshNodesAndYesOnceSyncedAndStaysYes() {
        var a = args();
        a.put("allow_two_primaries", "after-initial-sync");
        var n1 = fresh("node1");
        var ctx = TestContext.pair("node1", false, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", a, null));
        step.act(ctx, step.check(ctx));
        assertThat(n1.fileText("/etc/drbd.d/r0.res")).contains("allow-two-primaries no;");

        var synced = Fixtures.node("node1", "drbdsetup_status_verbose__after_sync_primary_secondary__node1")
                .on("stat -c", 0, "644 root:root\n").on("drbdadm adjust r0", 0, "")
                .file("/etc/drbd.d/r0.res", n1.fileText("/etc/drbd.d/r0.res"))
                .file("/etc/drbd.d/global_common.conf", n1.fileText("/etc/drbd.d/global_common.conf"));
        var syncedCtx = TestContext.pair("node1", false, synced, fresh("node2"));
        var again = module.bind(new Args("drbd_resource", a, null));
        Check c = again.check(syncedCtx);
        assertThat(c.needsChange()).isTrue();
        assertThat(c.diff()).contains("+        allow-two-primaries yes;");
        assertThat(again.act(syncedCtx, c).message())
                .isEqualTo("updated /etc/drbd.d/r0.res; applied with `drbdadm adjust r0`");
        assertThat(synced.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm adjust r0");

        var rebooted = fresh("node1").file("/etc/drbd.d/r0.res", synced.fileText("/etc/drbd.d/r0.res"))
                .file("/etc/drbd.d/global_common.conf", synced.fileText("/etc/drbd.d/global_common.conf"));
        Check afterReboot = module.bind(new Args("drbd_resource", a, null))
                .check(TestContext.pair("node1", false, rebooted, fresh("node2")));
        assertThat(afterReboot.kind()).as("a down resource keeps the yes it had").isEqualTo(Check.Kind.OK);
    }

    @Test
    void alreadyRenderedIsOkAndTouchesNothing() {
        var n1 = fresh("node1");
        var ctx = TestContext.pair("node1", false, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", args(), null));
        step.act(ctx, step.check(ctx));
        int writes = n1.writes().size();
        Check again = step.check(ctx);
        assertThat(again.kind()).isEqualTo(Check.Kind.OK);
        assertThat(n1.writes()).hasSize(writes);
    }

    @Test
    void changedFileOnARunningResourceIsAppliedWithAdjust() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1")
                .on("stat -c", 0, "644 root:root\n").on("drbdadm adjust r0", 0, "");
        var ctx = TestContext.pair("node1", false, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", args(), null));
        Check c = step.check(ctx);
        assertThat(c.message()).contains("drbdadm adjust r0");
        assertThat(step.act(ctx, c).message()).isEqualTo("created /etc/drbd.d/global_common.conf; "
                + "created /etc/drbd.d/r0.res; applied with `drbdadm adjust r0`");
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm adjust r0");
    }

    @Test
    void runningConfigDriftIsDetectedByDryRunAdjust() {
        var n1 = Fixtures.node("node1", "drbdsetup_status_verbose__after_up__node1")
                .on("stat -c", 0, "644 root:root\n")
                .on("drbdadm -d adjust r0", 0, "drbdsetup-84 net-options 0 --allow-two-primaries=no\n");
        var ctx = TestContext.pair("node1", false, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", args(), null));
        var plain = new DrbdResourceStep(new ResourceArgs(Map.of()).build(new Args("drbd_resource", args(), null)),
                "8.4", Fixtures.env().sources());
        plain.files("8.4").forEach(f -> f.write(n1));
        Check c = step.check(TestContext.pair("node1", true, n1, fresh("node2")));
        assertThat(c.needsChange()).isTrue();
        assertThat(c.message()).contains("differs", "--allow-two-primaries=no");
        n1.on("drbdadm adjust r0", 0, "");
        var apply = TestContext.pair("node1", false, n1, fresh("node2"));
        assertThat(step.act(apply, step.check(apply))).isEqualTo(Done.changed(
                "ran `drbdadm adjust r0`: the running configuration now matches /etc/drbd.d/r0.res", null));
        assertThat(n1.mutatingCommands()).extracting(Object::toString).containsExactly("drbdadm adjust r0");
    }

    @Test
    void hostnameMismatchOnThePeerIsRefusedBeforeAnyChange() {
        var n1 = fresh("node1");
        var n2 = fresh("node2").on("uname -n", 0, "debian\n");
        var ctx = TestContext.pair("node1", false, n1, n2);
        var step = module.bind(new Args("drbd_resource", args(), null));
        assertThatThrownBy(() -> step.check(ctx)).isInstanceOf(DuetException.class)
                .hasMessageContaining("node2").hasMessageContaining("'debian'").hasMessageContaining("'node2'")
                .extracting(e -> ((DuetException) e).reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(n1.writes()).isEmpty();
    }

    @Test
    void secretNeverInDiffArgvOrMessagesAndFileIs0600() {
        var a = args();
        a.put("secret_env", "DRBD_SECRET");
        var n1 = fresh("node1");
        var ctx = TestContext.pair("node1", true, n1, fresh("node2"));
        var step = module.bind(new Args("drbd_resource", a, null));
        Check c = step.check(ctx);
        assertThat(c.diff()).contains("shared-secret").doesNotContain("s3cr3t-Value");
        assertThat(c.message()).doesNotContain("s3cr3t-Value");
        assertThat(n1.commands()).allSatisfy(cmd -> assertThat(cmd.line()).doesNotContain("s3cr3t-Value"));
        assertThat(step.toString()).doesNotContain("s3cr3t-Value");
        var files = ((DrbdResourceStep) step).files("8.4");
        assertThat(files.get(1).content()).contains("shared-secret \"s3cr3t-Value\";", "cram-hmac-alg sha256;");
        var real = fresh("node1");
        var apply = TestContext.pair("node1", false, real, fresh("node2"));
        Check before = step.check(apply);
        Done done = step.act(apply, before);
        assertThat(real.writes()).contains("/etc/drbd.d/r0.res");
        assertThat(done.message()).doesNotContain("s3cr3t-Value");
        assertThat(done.diff()).as("the check's masked diff").isEqualTo(before.diff()).doesNotContain("s3cr3t-Value");
    }

    @Test
    void dangerousPoliciesWarnLoudly() {
        var a = args();
        a.put("after_sb_2pri", "violently-as0p");
        a.put("rr_conflict", "violently");
        var ctx = TestContext.pair("node1", true, fresh("node1"), fresh("node2"));
        module.bind(new Args("drbd_resource", a, null)).check(ctx);
        assertThat(ctx.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("violently-as0p"))
                .anySatisfy(w -> assertThat(w).contains("rr-conflict violently"));
    }

    @Test
    void metacharactersInLiteralValuesAreRejectedAtLoad() {
        var a = args();
        a.put("resource", "r0;rm -rf /");
        assertThatThrownBy(() -> module.validate(a, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("resource");
        var b = args();
        b.put("disk", "/dev/vdb$(reboot)");
        assertThatThrownBy(() -> module.validate(b, null)).isInstanceOf(InputException.class);
        var templated = args();
        templated.put("disk", "{{ drbd_disk }}");
        module.validate(templated, null);
        var badNode = args();
        badNode.put("nodes", List.of(Map.of("name", "node1", "address", "10.99.0.1; reboot"),
                Map.of("name", "node2", "address", "10.99.0.2")));
        assertThatThrownBy(() -> module.bind(new Args("drbd_resource", badNode, null)))
                .isInstanceOf(InputException.class).hasMessageContaining("nodes[0].address");
    }
}
