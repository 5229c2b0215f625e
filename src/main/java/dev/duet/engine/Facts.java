package dev.duet.engine;

import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import dev.duet.transport.Node;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts Duet gathers at the start of a play, in one remote command, under Ansible's names and with
 * Ansible's spelling ({@code ansible_distribution} is {@code Debian}, as Ansible's distribution facts
 * say): each as {@code ansible_NAME} and as {@code ansible_facts.NAME}.
 */
public final class Facts {
    /** The fact names without the {@code ansible_} prefix, as keys of {@code ansible_facts}. */
    public static final List<String> KEYS = List.of("nodename", "hostname", "fqdn", "domain", "kernel", "architecture",
            "machine", "system", "distribution", "distribution_version", "distribution_major_version",
            "distribution_release", "os_family");

    /** Every variable gathering defines: {@code ansible_facts} and {@code ansible_NAME} for each key. */
    public static final Set<String> NAMES = names();

    // Output lines by position; old lines first, so scripted test hosts that answer the first five still work.
    // The kernel's names are read from /proc/sys/kernel by the shell's own read (the same UTS strings uname
    // prints: hostname = uname -n, osrelease = -r, ostype = -s, arch = -m), uname started only for a file
    // that cannot be read or is empty (arch exists on newer kernels only): each process costs ~50-100 ms
    // on a slow guest. They are kept in $1..$4 (system, release, machine, node name) while /etc/os-release
    // is sourced, which may set any variable. The Debian version by read too, not head; hostname -f stays
    // (a resolver lookup), its fallback the node name already read. POSIX sh: /bin/sh may be dash.
    static final String SCRIPT = "kernel() { v=; read -r v 2>/dev/null </proc/sys/kernel/$1; [ -n \"$v\" ] || v=$(uname $2); }; "
            + "kernel hostname -n; n=$v; kernel osrelease -r; r=$v; kernel ostype -s; s=$v; kernel arch -m; "
            + "set -- \"$s\" \"$r\" \"$v\" \"$n\"; echo \"$4\"; echo \"$2\"; [ -r /etc/os-release ] && . /etc/os-release; "
            + "echo \"${ID:-}\"; echo \"${ID_LIKE:-}\"; echo \"${VERSION_ID:-}\"; "
            + "echo \"${VERSION_CODENAME:-${UBUNTU_CODENAME:-}}\"; v=; read -r v 2>/dev/null </etc/debian_version; echo \"$v\"; "
            + "echo \"$3\"; hostname -f 2>/dev/null || echo \"$4\"; echo \"$1\"";

    /**
     * The gathering's one remote command. Scripted test hosts recognise it by its {@link Command#line()},
     * so a change of the script reaches them without touching them.
     */
    public static final Command COMMAND = Command.probeScript(SCRIPT);

    /**
     * The question the first line of the gathered facts answers (the kernel's hostname, which is what
     * {@code uname -n} prints): check halves asking it reuse that answer.
     */
    static final Command NODE_NAME = Command.probe("uname", "-n");

    private Facts() {
    }

    private static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add("ansible_facts");
        KEYS.forEach(k -> names.add("ansible_" + k));
        return Collections.unmodifiableSet(names);
    }

    public static Map<String, Object> gather(Node node) {
        String[] lines = node.run(COMMAND).orThrow(node.name()).stdout().split("\n", -1);
        return fromLines(lines);
    }

    /** What {@code uname -n} prints, as read by the gathering of {@code facts}. */
    static CommandResult nodeName(Map<String, Object> facts) {
        return new CommandResult(NODE_NAME, 0, facts.get("ansible_nodename") + "\n", "", Duration.ZERO);
    }

    static Map<String, Object> fromLines(String[] lines) {
        Map<String, Object> f = new LinkedHashMap<>();
        String nodename = at(lines, 0);
        f.put("nodename", nodename);
        f.put("hostname", nodename.contains(".") ? nodename.substring(0, nodename.indexOf('.')) : nodename);
        String fqdn = at(lines, 8).isEmpty() ? nodename : at(lines, 8);
        f.put("fqdn", fqdn);
        f.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
        f.put("kernel", at(lines, 1));
        f.put("architecture", at(lines, 7));
        f.put("machine", at(lines, 7));
        f.put("system", at(lines, 9).isEmpty() ? "Linux" : at(lines, 9));
        String distribution = Distributions.name(at(lines, 2));
        String version = Distributions.version(at(lines, 2), at(lines, 4), at(lines, 6));
        f.put("distribution", distribution);
        f.put("distribution_version", version);
        f.put("distribution_major_version", version.split("\\.")[0].isEmpty() ? "NA" : version.split("\\.")[0]);
        f.put("distribution_release", at(lines, 5).isEmpty() ? "NA" : at(lines, 5));
        f.put("os_family", Distributions.family(distribution));
        Map<String, Object> facts = new LinkedHashMap<>();
        f.forEach((k, v) -> facts.put("ansible_" + k, v));
        facts.put("ansible_facts", Collections.unmodifiableMap(f));
        return facts;
    }

    private static String at(String[] lines, int i) {
        return i < lines.length ? lines[i].strip() : "";
    }
}
