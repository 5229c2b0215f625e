package dev.duet.cluster.cib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The playbook's YAML rendered to CIB XML in Pacemaker 2.1's vocabulary. */
class CibRenderTest {
    private static CibObject object(CibSpec spec, String id) {
        return spec.objects().stream().filter(o -> id.equals(o.id())).findFirst().orElseThrow();
    }

    @Test
    void aPromotableCloneHoldsItsPrimitiveWithParamsOpsAndMeta() {
        CibObject clone = object(CibYamlFixture.spec(), "drbd-clone");

        assertThat(clone.section()).isEqualTo("resources");
        assertThat(clone.element().xml()).isEqualTo("""
                <clone id="drbd-clone">
                  <primitive id="drbd" class="ocf" provider="linbit" type="drbd">
                    <instance_attributes id="drbd-instance_attributes">
                      <nvpair id="drbd-instance_attributes-drbd_resource" name="drbd_resource" value="r0"/>
                    </instance_attributes>
                    <operations>
                      <op id="drbd-monitor-interval-20s" name="monitor" interval="20s" timeout="20s" role="Promoted"/>
                      <op id="drbd-monitor-interval-30s" name="monitor" interval="30s" timeout="20s" role="Unpromoted"/>
                      <op id="drbd-start-interval-0s" name="start" interval="0s" timeout="240s"/>
                      <op id="drbd-stop-interval-0s" name="stop" interval="0s" timeout="100s"/>
                    </operations>
                  </primitive>
                  <meta_attributes id="drbd-clone-meta_attributes">
                    <nvpair id="drbd-clone-meta_attributes-promotable" name="promotable" value="true"/>
                    <nvpair id="drbd-clone-meta_attributes-promoted-max" name="promoted-max" value="2"/>
                    <nvpair id="drbd-clone-meta_attributes-promoted-node-max" name="promoted-node-max" value="1"/>
                    <nvpair id="drbd-clone-meta_attributes-clone-max" name="clone-max" value="2"/>
                    <nvpair id="drbd-clone-meta_attributes-notify" name="notify" value="true"/>
                    <nvpair id="drbd-clone-meta_attributes-interleave" name="interleave" value="true"/>
                  </meta_attributes>
                </clone>
                """);
    }

    @Test
    void objectsComeInWritingOrderAndPrimitivesInsideClonesAreNotTopLevel() {
        CibSpec spec = CibYamlFixture.spec();

        assertThat(spec.objects()).extracting(CibObject::describe).containsExactly("properties cib-bootstrap-options",
                "rsc defaults rsc-options", "primitive sbd-fence", "clone drbd-clone", "clone dlm-clone",
                "order drbd-before-dlm", "colocation dlm-with-drbd");
        assertThat(spec.resourceIds()).containsExactly("sbd-fence", "drbd-clone", "dlm-clone");
    }

    @Test
    void constraintsAndPropertiesUsePacemakersAttributeNames() {
        CibSpec spec = CibYamlFixture.spec();

        assertThat(object(spec, "drbd-before-dlm").element().xml()).isEqualTo("<rsc_order id=\"drbd-before-dlm\""
                + " first=\"drbd-clone\" first-action=\"promote\" then=\"dlm-clone\" then-action=\"start\" kind=\"Mandatory\"/>\n");
        assertThat(object(spec, "dlm-with-drbd").element().xml()).isEqualTo("<rsc_colocation id=\"dlm-with-drbd\""
                + " rsc=\"dlm-clone\" with-rsc=\"drbd-clone\" with-rsc-role=\"Promoted\" score=\"INFINITY\"/>\n");
        assertThat(object(spec, "cib-bootstrap-options").element().children()).extracting(n -> n.attr("name") + "=" + n.attr("value"))
                .containsExactly("stonith-enabled=true", "no-quorum-policy=freeze");
    }

    @Test
    void aGroupInsideACloneAndALocation() {
        CibSpec spec = CibYamlFixture.spec("""
                primitives:
                  - {id: fence, agent: "stonith:external/sbd"}
                  - {id: a, agent: "ocf:heartbeat:Dummy"}
                  - {id: b, agent: "systemd:chronyd"}
                groups: [{id: g, resources: [a, b]}]
                clones: [{id: g-clone, resource: g}]
                locations: [{id: prefer-1, resource: g-clone, node: node1, score: 50}]
                """);

        CibNode clone = object(spec, "g-clone").element();
        assertThat(clone.children().get(0).tag()).isEqualTo("group");
        assertThat(clone.children().get(0).children()).extracting(CibNode::id).containsExactly("a", "b");
        assertThat(clone.children().get(0).children().get(1).attrs()).doesNotContainKey("provider").containsEntry("class", "systemd");
        assertThat(spec.resourceIds()).containsExactly("fence", "g-clone");
        assertThat(object(spec, "prefer-1").element().attrs()).containsEntry("node", "node1").containsEntry("score", "50");
    }

    @Test
    void valuesAreEscapedInXml() {
        CibNode n = CibNode.of("nvpair", "id", "x", "name", "options", "value", "a<b & \"c\"");
        assertThat(n.xml()).isEqualTo("<nvpair id=\"x\" name=\"options\" value=\"a&lt;b &amp; &quot;c&quot;\"/>\n");
        assertThat(CibXml.parse(n.xml()).attr("value")).isEqualTo("a<b & \"c\"");
        assertThat(List.of(n)).hasSize(1);
    }
}
