package dev.duet.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's names for Linux distributions ({@code ansible_distribution}, {@code _version},
 * {@code ansible_os_family}) from {@code /etc/os-release}: the ID capitalized except where Ansible's
 * distribution facts spell it otherwise, and the OS family from its OS_FAMILY_MAP.
 */
final class Distributions {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("debian", "Debian"), Map.entry("raspbian", "Debian"), Map.entry("ubuntu", "Ubuntu"),
            Map.entry("rhel", "RedHat"), Map.entry("centos", "CentOS"), Map.entry("fedora", "Fedora"),
            Map.entry("rocky", "Rocky"), Map.entry("almalinux", "AlmaLinux"), Map.entry("ol", "OracleLinux"),
            Map.entry("amzn", "Amazon"), Map.entry("sles", "SLES"), Map.entry("sles_sap", "SLES_SAP"),
            Map.entry("sled", "SLED"), Map.entry("opensuse-leap", "openSUSE Leap"),
            Map.entry("opensuse-tumbleweed", "openSUSE Tumbleweed"), Map.entry("opensuse", "openSUSE"),
            Map.entry("arch", "Archlinux"), Map.entry("manjaro", "Manjaro"), Map.entry("alpine", "Alpine"),
            Map.entry("linuxmint", "Linux Mint"), Map.entry("kali", "Kali"), Map.entry("devuan", "Devuan"),
            Map.entry("gentoo", "Gentoo"), Map.entry("pop", "Pop!_OS"));

    private static final Map<String, List<String>> FAMILIES = Map.of(
            "RedHat", List.of("RedHat", "Fedora", "CentOS", "OracleLinux", "Amazon", "AlmaLinux", "Rocky"),
            "Debian", List.of("Debian", "Ubuntu", "Linux Mint", "Kali", "Devuan", "Pop!_OS"),
            "Suse", List.of("SLES", "SLED", "SLES_SAP", "openSUSE", "openSUSE Leap", "openSUSE Tumbleweed"),
            "Archlinux", List.of("Archlinux", "Manjaro"),
            "Gentoo", List.of("Gentoo"),
            "Alpine", List.of("Alpine"));

    private Distributions() {
    }

    /** os-release ID → ansible_distribution ("OtherLinux" when there is none, as Ansible). */
    static String name(String id) {
        String key = id.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return "OtherLinux";
        }
        String known = NAMES.get(key);
        return known != null ? known : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** Debian's point release comes from /etc/debian_version (12.5), CentOS keeps major.minor, others VERSION_ID. */
    static String version(String id, String versionId, String debianVersion) {
        String key = id.strip().toLowerCase(Locale.ROOT);
        if (key.equals("debian") && debianVersion.matches("[0-9]+(\\.[0-9]+)+") && debianVersion.startsWith(versionId)) {
            return debianVersion;
        }
        if (key.equals("centos")) {
            String[] parts = versionId.split("\\.");
            return parts.length > 2 ? parts[0] + "." + parts[1] : versionId;
        }
        return versionId.isEmpty() ? "NA" : versionId;
    }

    /** ansible_os_family: the family of a known distribution, else the distribution itself (Ansible's rule). */
    static String family(String distribution) {
        for (Map.Entry<String, List<String>> e : FAMILIES.entrySet()) {
            if (e.getValue().contains(distribution)) {
                return e.getKey();
            }
        }
        return distribution;
    }
}
