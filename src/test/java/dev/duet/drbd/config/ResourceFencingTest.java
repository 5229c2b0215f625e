package dev.duet.drbd.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceFencingTest {
    private static final ResourceModel FENCED = ResourceRendererTest.lab(null).withFencing("resource-and-stonith");

    @Test
    void on84FencingIsADiskOptionAndTheCrmHandlersUnfenceAfterResync() {
        String text = ResourceRenderer.render(FENCED, "8.4");
        assertThat(text).contains("""
                    disk {
                        resync-rate 100M;
                        fencing resource-and-stonith;
                    }
                """);
        assertThat(text).contains("""
                    handlers {
                        fence-peer "/usr/lib/drbd/crm-fence-peer.sh";
                        after-resync-target "/usr/lib/drbd/crm-unfence-peer.sh";
                    }
                """);
        assertThat(text).doesNotContain(".9.sh", "unfence-peer \"");
        assertThat(text.indexOf("handlers {")).isLessThan(text.indexOf("on node1 {"));
    }

    @Test
    void on9FencingIsANetOptionWithTheNineHandlers() {
        String text = ResourceRenderer.render(FENCED, "9");
        assertThat(text.substring(text.indexOf("net {"), text.indexOf("}"))).contains("fencing resource-and-stonith;");
        assertThat(text).contains("fence-peer \"/usr/lib/drbd/crm-fence-peer.9.sh\";",
                "unfence-peer \"/usr/lib/drbd/crm-unfence-peer.9.sh\";");
        assertThat(text).doesNotContain("after-resync-target");
    }

    @Test
    void dontCareNeedsNoHandlerAndNoFencingRendersAsBefore() {
        String dontCare = ResourceRenderer.render(ResourceRendererTest.lab(null).withFencing("dont-care"), "8.4");
        assertThat(dontCare).contains("fencing dont-care;").doesNotContain("handlers");
        assertThat(ResourceRenderer.render(ResourceRendererTest.lab(null), "8.4")).doesNotContain("fencing", "handlers");
    }

    @Test
    void allowTwoPrimariesDecisionKeepsTheFencing() {
        assertThat(FENCED.withAllowTwoPrimaries(true).fencing()).isEqualTo("resource-and-stonith");
    }
}
