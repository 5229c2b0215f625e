package dev.duet.cluster.cib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Check;
import dev.duet.testing.ScriptedNode;
import dev.duet.testing.TestContext;
import org.junit.jupiter.api.Test;

/** The cib step against a fake live CIB that merges patches the way Pacemaker does. */
class CibStepTest {
    private static final String CRM = "cibadmin_query__configured_by_crm__provisional.xml";

    private static CibNode emptyConfiguration() {
        return CibXml.parse("""
                <configuration>
                  <crm_config><cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="cib-bootstrap-options-have-watchdog" name="have-watchdog" value="true"/>
                    <nvpair id="cib-bootstrap-options-dc-version" name="dc-version" value="2.1.5-a3f44794f94"/>
                  </cluster_property_set></crm_config>
                  <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                  <resources/>
                  <constraints/>
                </configuration>""");
    }

    @Test
    void aFreshClusterGetsEverythingInOneModifyAndTheSecondRunChangesNothing() {
        FakeCib cib = new FakeCib(emptyConfiguration());
        ScriptedNode node = cib.install(new ScriptedNode("node1"));
        CibStep step = new CibStep(CibYamlFixture.spec());
        TestContext ctx = TestContext.of(node);

        Check first = ctx.run(step);

        assertThat(first.needsChange()).isTrue();
        assertThat(ctx.done().changed()).isTrue();
        assertThat(ctx.done().message()).contains("change properties cib-bootstrap-options", "create rsc defaults", "clone drbd-clone",
                "colocation dlm-with-drbd");
        assertThat(node.mutatingCommands()).singleElement().satisfies(c -> assertThat(c.line())
                .isEqualTo("cibadmin --modify --scope configuration --xml-pipe"));
        assertThat(cib.patches).singleElement().asString().contains("<rsc_order id=\"drbd-before-dlm\"",
                "<nvpair id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\" value=\"true\"/>")
                .doesNotContain("dc-version");
        assertThat(CibDiff.of(CibYamlFixture.spec(), cib.configuration).inSync()).isTrue();
        assertThat(cib.configuration.xml()).contains("dc-version");

        Check second = TestContext.of(node).run(step);

        assertThat(second.kind()).isEqualTo(Check.Kind.OK);
        assertThat(cib.patches).hasSize(1);
    }

    @Test
    void aLiveCibInOtherWordsIsOkAndOnlyAChangedParamIsSent() {
        FakeCib cib = FakeCib.fixture(CRM);
        ScriptedNode node = cib.install(new ScriptedNode("node1"));

        assertThat(TestContext.of(node).run(new CibStep(CibYamlFixture.spec())).kind()).isEqualTo(Check.Kind.OK);
        assertThat(node.mutatingCommands()).isEmpty();

        CibStep changed = new CibStep(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("pcmk_delay_max: 15", "pcmk_delay_max: 5")));
        TestContext ctx = TestContext.of(node);
        ctx.run(changed);

        assertThat(cib.patches).singleElement().asString().isEqualTo("""
                <configuration>
                  <resources>
                    <primitive id="sbd-fence">
                      <instance_attributes id="sbd-fence-instance_attributes">
                        <nvpair id="sbd-fence-instance_attributes-pcmk_delay_max" value="5"/>
                      </instance_attributes>
                    </primitive>
                  </resources>
                </configuration>
                """);
        assertThat(ctx.done().message()).isEqualTo("updated the CIB (change primitive sbd-fence) with"
                + " `cibadmin --modify --scope configuration`");
        assertThat(TestContext.of(node).run(changed).kind()).isEqualTo(Check.Kind.OK);
    }

    @Test
    void planSendsNothingMutatingAndShowsTheDifferenceAsADiff() {
        FakeCib cib = FakeCib.fixture(CRM);
        ScriptedNode node = cib.install(new ScriptedNode("node1"));
        CibStep step = new CibStep(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("resource-stickiness: 100",
                "resource-stickiness: 200")));

        Check check = TestContext.of(node).checkMode(true).run(step);

        assertThat(check.needsChange()).isTrue();
        assertThat(check.message()).isEqualTo("would update the CIB (change rsc defaults rsc-options) with one"
                + " `cibadmin --modify --scope configuration`");
        assertThat(check.diff()).contains("--- live CIB", "+++ playbook",
                "-      <nvpair id=\"rsc-options-resource-stickiness\" name=\"resource-stickiness\" value=\"100\"/>",
                "+      <nvpair id=\"rsc-options-resource-stickiness\" name=\"resource-stickiness\" value=\"200\"/>");
        assertThat(node.mutatingCommands()).isEmpty();
        assertThat(cib.patches).isEmpty();
    }

    @Test
    void anUnreadableCibIsAChangeInPlanAndARefusalInApply() {
        ScriptedNode node = new ScriptedNode("node1").on("cibadmin --query", 102, "",
                "Could not connect to the CIB: Transport endpoint is not connected\n");
        CibStep step = new CibStep(CibYamlFixture.spec());

        Check plan = TestContext.of(node).checkMode(true).run(step);
        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(step));

        assertThat(plan.message()).contains("the CIB cannot be read yet", "Transport endpoint is not connected",
                "would write 7 objects");
        assertThat(plan.diff()).contains("+    <clone id=\"drbd-clone\">");
        assertThat(e.reason()).isEqualTo(Reason.PRECONDITION);
        assertThat(e.getMessage()).contains("cannot read the CIB", "Pacemaker must be running");
        assertThat(node.mutatingCommands()).isEmpty();
    }

    @Test
    void extraResourcesWarnAndStonithDisabledByNameWarnsEveryRun() {
        FakeCib cib = new FakeCib(FakeCib.merge(FakeCib.fixture(CRM).configuration, CibXml.parse(
                "<configuration><resources><primitive id=\"vip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>"
                        + "</resources></configuration>")));
        ScriptedNode node = cib.install(new ScriptedNode("node1"));
        TestContext ctx = TestContext.of(node);
        ctx.run(new CibStep(CibYamlFixture.spec()));
        CibSpec off = CibYamlFixture.spec("""
                stonith: disabled
                extra_resources: ignore
                properties: {stonith-enabled: false}
                """);
        TestContext offCtx = TestContext.of(node).checkMode(true);
        offCtx.run(new CibStep(off));

        assertThat(ctx.warnings()).containsExactly("the live CIB holds resources this task does not describe, left as"
                + " they are: primitive vip");
        assertThat(offCtx.warnings()).singleElement().asString().startsWith("STONITH is disabled by name");
    }

    @Test
    void aPatchThatDoesNotTakeIsAFailureNotASuccess() {
        ScriptedNode node = new ScriptedNode("node1")
                .on("cibadmin --query --scope configuration", 0, emptyConfiguration().xml())
                .on("cibadmin --modify", 0, "");

        DuetException e = assertThrows(DuetException.class, () -> TestContext.of(node).run(new CibStep(CibYamlFixture.spec())));

        assertThat(e.getMessage()).contains("succeeded but the CIB still differs");
        assertThat(node.mutatingCommands()).hasSize(1);
    }
}
