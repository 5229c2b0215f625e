package dev.duet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorosyncConfTest {
    static final CorosyncConf LAB = new CorosyncConf("duet", List.of(new CorosyncNode("node1", 1, "10.99.0.1", null),
            new CorosyncNode("node2", 2, "10.99.0.2", null)), "aes256", "sha256", null);

    @Test
    void rendersKnetWithCryptoTwoNodeQuorumAndOneKeyPerLine() {
        String text = LAB.render();
        assertThat(text).contains("totem {\n    version: 2\n    cluster_name: duet\n    transport: knet\n"
                + "    crypto_cipher: aes256\n    crypto_hash: sha256\n}\n");
        assertThat(text).contains("    node {\n        ring0_addr: 10.99.0.1\n        name: node1\n        nodeid: 1\n    }\n");
        assertThat(text).contains("quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}\n");
        assertThat(text).doesNotContain("ring1_addr");
        // corosync's parser refuses a key on the line of an opening brace.
        assertThat(text.lines().filter(l -> l.contains("{"))).allMatch(l -> l.strip().matches("[a-z]+ \\{"));
        assertThat(text.lines().filter(l -> l.contains(":"))).allMatch(l -> l.indexOf(':') == l.lastIndexOf(':')
                || l.contains("/"));
    }

    @Test
    void aSecondRingWhereGiven() {
        CorosyncConf two = new CorosyncConf("duet", List.of(new CorosyncNode("node1", 1, "10.99.0.1", "10.98.0.1"),
                new CorosyncNode("node2", 2, "10.99.0.2", "10.98.0.2")), "aes256", "sha256", 5000);
        assertThat(two.render()).contains("        ring0_addr: 10.99.0.1\n        ring1_addr: 10.98.0.1\n")
                .contains("    token: 5000\n");
    }

    @Test
    void aHandWrittenEquivalentHasTheSameMeaning() {
        String byHand = """
                # written by hand in the lab
                totem {
                	version: 2
                	cluster_name: duet
                	crypto_hash: sha256
                	crypto_cipher: aes256
                	transport: knet
                }
                quorum {
                	two_node: 1
                	provider: corosync_votequorum
                }
                logging {
                	timestamp: on
                	to_syslog: yes
                	logfile: /var/log/corosync/corosync.log
                	to_logfile: yes
                }
                nodelist {
                	node {
                		nodeid: 2
                		name: node2
                		ring0_addr: 10.99.0.2
                	}
                	node {
                		name: node1
                		nodeid: 1
                		ring0_addr: 10.99.0.1
                	}
                }
                """;
        assertThat(BraceConf.sameMeaning(byHand, LAB.render())).isTrue();
        assertThat(BraceConf.sameMeaning(byHand.replace("two_node: 1", "two_node: 0"), LAB.render())).isFalse();
        assertThat(BraceConf.sameMeaning(byHand.replace("ring0_addr: 10.99.0.2", "ring0_addr: 10.99.0.3"),
                LAB.render())).isFalse();
    }

    @Test
    void malformedTextNeverMatches() {
        assertThat(BraceConf.canonical("node { ring0_addr: 10.99.0.1 }\n")).isEmpty();
        assertThat(BraceConf.canonical("totem {\n version: 2\n")).isEmpty();
        assertThat(BraceConf.canonical("}\n")).isEmpty();
        assertThat(BraceConf.sameMeaning("totem {\n", "totem {\n")).isFalse();
    }
}
