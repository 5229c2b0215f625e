package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duet.testing.ScriptedNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values are what Ansible's setup module reports on these systems (its distribution facts:
 * Debian's point release from /etc/debian_version, codename as distribution_release, OS_FAMILY_MAP).
 */
class FactsTest {
    @Test
    void debianTwelveAsAnsibleSpellsIt() {
        ScriptedNode node = new ScriptedNode("node1")
                .on(Facts.COMMAND.line(), 0,
                        "node1.lab.example\n6.1.0-27-amd64\ndebian\n\n12\nbookworm\n12.5\nx86_64\nnode1.lab.example\nLinux\n");
        Map<String, Object> f = Facts.gather(node);
        assertThat(f).containsEntry("ansible_distribution", "Debian")
                .containsEntry("ansible_distribution_version", "12.5")
                .containsEntry("ansible_distribution_major_version", "12")
                .containsEntry("ansible_distribution_release", "bookworm")
                .containsEntry("ansible_os_family", "Debian")
                .containsEntry("ansible_hostname", "node1")
                .containsEntry("ansible_nodename", "node1.lab.example")
                .containsEntry("ansible_fqdn", "node1.lab.example")
                .containsEntry("ansible_domain", "lab.example")
                .containsEntry("ansible_kernel", "6.1.0-27-amd64")
                .containsEntry("ansible_architecture", "x86_64")
                .containsEntry("ansible_system", "Linux");
        @SuppressWarnings("unchecked")
        Map<String, Object> ns = (Map<String, Object>) f.get("ansible_facts");
        assertThat(ns).containsEntry("distribution", "Debian").containsEntry("os_family", "Debian")
                .containsEntry("distribution_major_version", "12").containsOnlyKeys(Facts.KEYS);
        assertThat(Facts.NAMES).containsAll(f.keySet()).hasSize(f.size());
        assertThat(node.commands()).as("one gather command").hasSize(1);
    }

    @Test
    void otherDistributionsByAnsiblesNames() {
        assertThat(facts("ubuntu", "debian", "22.04", "jammy", "")).containsEntry("ansible_distribution", "Ubuntu")
                .containsEntry("ansible_os_family", "Debian").containsEntry("ansible_distribution_major_version", "22");
        assertThat(facts("rhel", "fedora", "9.3", "", "")).containsEntry("ansible_distribution", "RedHat")
                .containsEntry("ansible_os_family", "RedHat").containsEntry("ansible_distribution_release", "NA");
        assertThat(facts("rocky", "rhel centos fedora", "9.3", "", "")).containsEntry("ansible_distribution", "Rocky")
                .containsEntry("ansible_os_family", "RedHat");
        assertThat(facts("opensuse-leap", "suse opensuse", "15.5", "", ""))
                .containsEntry("ansible_distribution", "openSUSE Leap").containsEntry("ansible_os_family", "Suse");
        assertThat(facts("", "", "", "", "")).containsEntry("ansible_distribution", "OtherLinux");
    }

    private static Map<String, Object> facts(String id, String like, String version, String codename, String debian) {
        return Facts.fromLines(new String[] {"h", "6.1", id, like, version, codename, debian, "x86_64", "h", "Linux"});
    }
}
