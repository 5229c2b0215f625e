package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The few facts Duet gathers at the start of a play, under Ansible's names. */
public final class Facts {
    public static final Set<String> NAMES = Set.of("ansible_hostname", "ansible_nodename", "ansible_kernel",
            "ansible_distribution", "ansible_os_family", "ansible_distribution_version");

    private static final String SCRIPT = "uname -n; uname -r; . /etc/os-release 2>/dev/null; "
            + "echo \"${ID:-unknown}\"; echo \"${ID_LIKE:-}\"; echo \"${VERSION_ID:-}\"";

    private Facts() {
    }

    public static Map<String, Object> gather(Node node) {
        String[] lines = node.run(Command.probeScript(SCRIPT)).orThrow(node.name()).stdout().split("\n", -1);
        Map<String, Object> facts = new LinkedHashMap<>();
        String nodename = at(lines, 0);
        facts.put("ansible_nodename", nodename);
        facts.put("ansible_hostname", nodename.contains(".") ? nodename.substring(0, nodename.indexOf('.')) : nodename);
        facts.put("ansible_kernel", at(lines, 1));
        String id = at(lines, 2);
        facts.put("ansible_distribution", id);
        String like = at(lines, 3);
        facts.put("ansible_os_family", family(id, like));
        facts.put("ansible_distribution_version", at(lines, 4));
        return facts;
    }

    private static String family(String id, String like) {
        String all = id + " " + like;
        if (all.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return "Debian";
        }
        if (all.matches(".*\\b(rhel|fedora|centos)\\b.*")) {
            return "RedHat";
        }
        if (all.matches(".*\\b(suse|sles|opensuse)\\b.*")) {
            return "Suse";
        }
        return id;
    }

    private static String at(String[] lines, int i) {
        return i < lines.length ? lines[i].strip() : "";
    }
}
