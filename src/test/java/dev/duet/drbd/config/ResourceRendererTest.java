package dev.duet.drbd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceRendererTest {
    static ResourceModel lab(Secret secret) {
        var net = new LinkedHashMap<String, String>();
        net.put("protocol", "C");
        net.put("allow-two-primaries", "yes");
        net.put("after-sb-0pri", "discard-zero-changes");
        net.put("after-sb-1pri", "discard-secondary");
        net.put("after-sb-2pri", "disconnect");
        return new ResourceModel("r0", List.of(
                new NodeSpec("node1", "node1", "10.99.0.1", 7789, "/dev/vdb", "/dev/drbd0", 0),
                new NodeSpec("node2", "node2", "10.99.0.2", 7789, "/dev/vdb", "/dev/drbd0", 1)),
                "internal", net, Map.of("resync-rate", "100M"), Map.of("wfc-timeout", "20"), "sha256", secret);
    }

    @Test
    void golden84() {
        assertThat(ResourceRenderer.render(lab(null), "8.4")).isEqualTo("""
                # Managed by duet: local changes are overwritten on the next apply.
                resource r0 {
                    net {
                        protocol C;
                        allow-two-primaries yes;
                        after-sb-0pri discard-zero-changes;
                        after-sb-1pri discard-secondary;
                        after-sb-2pri disconnect;
                    }
                    disk {
                        resync-rate 100M;
                    }
                    startup {
                        wfc-timeout 20;
                    }
                    on node1 {
                        device /dev/drbd0;
                        disk /dev/vdb;
                        meta-disk internal;
                        address ipv4 10.99.0.1:7789;
                    }
                    on node2 {
                        device /dev/drbd0;
                        disk /dev/vdb;
                        meta-disk internal;
                        address ipv4 10.99.0.2:7789;
                    }
                }
                """);
    }

    @Test
    void golden9HasNodeIdsAndConnectionMesh() {
        String text = ResourceRenderer.render(lab(null), "9");
        assertThat(text).contains("""
                    on node2 {
                        node-id 1;
                        device /dev/drbd0;
                        disk /dev/vdb;
                        meta-disk internal;
                        address ipv4 10.99.0.2:7789;
                    }
                    connection-mesh {
                        hosts node1 node2;
                    }
                }
                """);
        assertThat(text).contains("on node1 {\n        node-id 0;");
    }

    @Test
    void secretIsRenderedOnlyIntoTheFileAndMaskedEverywhereElse() {
        var secret = new Secret("abc123XYZ");
        String text = ResourceRenderer.render(lab(secret), "8.4");
        assertThat(text).contains("cram-hmac-alg sha256;", "shared-secret \"abc123XYZ\";");
        assertThat(lab(secret).toString()).doesNotContain("abc123XYZ");
        assertThat(secret.redact(text)).doesNotContain("abc123XYZ");
    }

    @Test
    void ipv6AddressesUseTheIpv6Family() {
        assertThat(new NodeSpec("a", "a", "fd00::1", 7789, "/dev/vdb", "/dev/drbd0", 0).addressLine())
                .isEqualTo("ipv6 [fd00::1]:7789");
    }
}
