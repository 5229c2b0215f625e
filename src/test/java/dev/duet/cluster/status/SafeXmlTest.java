package dev.duet.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeXmlTest {
    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";

        assertThatThrownBy(() -> SafeXml.parse(xxe)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void parsesPlainXml() throws Exception {
        assertThat(SafeXml.parse("<cib><configuration/></cib>").getDocumentElement().getTagName()).isEqualTo("cib");
    }

    @Test
    void saysWhatItGotInOneShortLine() {
        assertThat(SafeXml.got("  \n")).isEqualTo("nothing");
        assertThat(SafeXml.got("crm_mon: command not found\nmore")).isEqualTo("`crm_mon: command not found`");
        assertThat(SafeXml.got("x".repeat(100))).isEqualTo("`" + "x".repeat(77) + "...`");
    }
}
