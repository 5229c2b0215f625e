package dev.duet.cluster.cib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The structural compare against a live configuration written by crmsh (its own ids, bare-number
 * times, Master/Slave roles) plus what Pacemaker adds (dc-version, nodes, last-lrm-refresh).
 */
class CibDiffTest {
    private static final String LIVE = "cibadmin_query__configured_by_crm__provisional.xml";

    private static CibNode live() {
        return CibXml.parse(FakeCib.read(LIVE));
    }

    @Test
    void theSameConfigurationInOtherWordsIsInSync() {
        CibDiff diff = CibDiff.of(CibYamlFixture.spec(), live());

        assertThat(diff.changes()).as(diff.patch().xml()).isEmpty();
        assertThat(diff.extraResources()).isEmpty();
        assertThat(diff.conflicts()).isEmpty();
    }

    @Test
    void attributesAndResourcesNobodyDescribedAreNoDifferenceButExtraResourcesAreReported() {
        CibNode withExtras = FakeCib.merge(live(), CibXml.parse("""
                <configuration><resources>
                  <clone id="drbd-clone"><meta_attributes id="drbd-clone-meta_attributes">
                    <nvpair id="drbd-clone-meta_attributes-target-role" name="target-role" value="Started"/>
                  </meta_attributes></clone>
                  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2" description="added by hand"/>
                </resources></configuration>"""));

        CibDiff diff = CibDiff.of(CibYamlFixture.spec(), withExtras);

        assertThat(diff.inSync()).isTrue();
        assertThat(diff.extraResources()).containsExactly("primitive vip");
    }

    @Test
    void aMissingPrimitiveIsCreatedWhole() {
        String text = CibYamlFixture.TEXT.replace("primitives:\n", """
                primitives:
                  - id: fs
                    agent: ocf:heartbeat:Filesystem
                    params: {device: /dev/drbd0, directory: /srv/shared, fstype: ocfs2}
                """);

        CibDiff diff = CibDiff.of(CibYamlFixture.spec(text), live());

        assertThat(diff.changes()).extracting(e -> e.object().describe() + (e.missing() ? " missing" : ""))
                .containsExactly("primitive fs missing");
        assertThat(diff.patch().xml()).startsWith("""
                <configuration>
                  <resources>
                    <primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
                """);
    }

    @Test
    void aChangedParamPatchesOnlyThatNvpairUnderTheLiveIds() {
        CibDiff diff = CibDiff.of(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("drbd_resource: r0", "drbd_resource: r1")), live());

        assertThat(diff.changes()).extracting(e -> e.object().describe()).containsExactly("clone drbd-clone");
        assertThat(diff.patch().xml()).isEqualTo("""
                <configuration>
                  <resources>
                    <clone id="drbd-clone">
                      <primitive id="drbd">
                        <instance_attributes id="drbd-instance_attributes">
                          <nvpair id="drbd-instance_attributes-drbd_resource" value="r1"/>
                        </instance_attributes>
                      </primitive>
                    </clone>
                  </resources>
                </configuration>
                """);
    }

    @Test
    void aChangedOpTimeoutAndANewPropertyKeepCrmshsIds() {
        String text = CibYamlFixture.TEXT.replace("{name: start, timeout: 240s}", "{name: start, timeout: 300s}")
                .replace("no-quorum-policy: freeze", "no-quorum-policy: freeze\n  priority-fencing-delay: 20s");

        CibDiff diff = CibDiff.of(CibYamlFixture.spec(text), live());

        String patch = diff.patch().xml();
        assertThat(patch).contains("<op id=\"drbd-start-0\" timeout=\"300s\"/>",
                "<cluster_property_set id=\"cib-bootstrap-options\">",
                "<nvpair id=\"cib-bootstrap-options-priority-fencing-delay\" name=\"priority-fencing-delay\" value=\"20s\"/>");
        assertThat(patch).doesNotContain("stonith-enabled", "drbd-monitor", "dc-version");
    }

    @Test
    void aRoleOrScoreChangeIsADifferenceButItsOldSpellingIsNot() {
        CibDiff same = CibDiff.of(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("with_role: Promoted}",
                "with_role: Promoted, score: inf}")), live());
        CibDiff changed = CibDiff.of(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("with_role: Promoted}",
                "with_role: Unpromoted}")), live());

        assertThat(same.inSync()).isTrue();
        assertThat(changed.patch().xml()).contains("<rsc_colocation id=\"dlm-with-drbd\" with-rsc-role=\"Unpromoted\"/>");
    }

    @Test
    void anIdUsedByAnotherKindOfElementIsAConflictNotAGuess() {
        String text = CibYamlFixture.TEXT + """
                locations: [{id: dlm, resource: dlm-clone, node: node1, score: 10}]
                """;

        CibDiff diff = CibDiff.of(CibYamlFixture.spec(text.replace("- id: dlm\n", "- id: dlm-p\n")
                .replace("resource: dlm\n", "resource: dlm-p\n")), live());

        assertThat(diff.conflicts()).containsExactly("the live clone dlm-clone holds primitive dlm, the playbook wants"
                + " primitive dlm-p in it", "the playbook's location dlm needs id 'dlm', which the live CIB already uses for"
                + " /resources/clone[@id='dlm-clone']/primitive[@id='dlm']");
    }

    @Test
    void theViewsShowOnlyWhatDiffers() {
        CibDiff diff = CibDiff.of(CibYamlFixture.spec(CibYamlFixture.TEXT.replace("resource-stickiness: 100",
                "resource-stickiness: 200")), live());

        assertThat(diff.liveView().xml()).contains("value=\"100\"").doesNotContain("drbd");
        assertThat(diff.wantedView().xml()).contains("id=\"rsc-options-resource-stickiness\" name=\"resource-stickiness\" value=\"200\"");
    }
}
