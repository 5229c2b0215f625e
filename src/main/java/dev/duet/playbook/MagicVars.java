package dev.duet.playbook;

import dev.duet.inventory.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The variables Ansible defines itself for a host in a play, spelled and shaped as Ansible's
 * VariableManager and Host.get_magic_vars make them. {@code inventory_file} and {@code inventory_dir}
 * are host variables set by the inventory loader. Duet runs a play's hosts in one batch and a failed
 * host stops, so {@code ansible_play_hosts}, {@code ansible_play_batch} and {@code play_hosts} are the
 * play's hosts when the variables are built.
 */
public final class MagicVars {
    /** Every name {@link #of} defines; with the inventory's and the play's names, what a task may read. */
    public static final Set<String> NAMES = Set.of("inventory_hostname", "inventory_hostname_short", "group_names",
            "groups", "hostvars", "playbook_dir", "ansible_play_hosts", "ansible_play_hosts_all",
            "ansible_play_batch", "play_hosts", "ansible_play_name", "inventory_file", "inventory_dir");

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private MagicVars() {
    }

    static Map<String, Object> of(Play play, Host host, Map<String, List<String>> groups, List<String> playHosts,
                                  Object hostvars) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory_hostname", host.name());
        m.put("inventory_hostname_short", shortName(host.name()));
        // Ansible: sorted, every group but 'all' ('ungrouped' included)
        List<String> names = new ArrayList<>(host.groups().stream().filter(g -> !g.equals("all")).toList());
        Collections.sort(names);
        m.put("group_names", List.copyOf(names));
        m.put("groups", Collections.unmodifiableMap(groups));
        m.put("hostvars", hostvars);
        m.put("playbook_dir", playbookDir(play));
        m.put("ansible_play_hosts_all", List.copyOf(playHosts));
        m.put("ansible_play_hosts", List.copyOf(playHosts));
        m.put("ansible_play_batch", List.copyOf(playHosts));
        m.put("play_hosts", List.copyOf(playHosts));
        m.put("ansible_play_name", play.name());
        return m;
    }

    /** The name up to its first dot; an IP address stays whole. */
    static String shortName(String name) {
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            return name;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** The absolute directory of the playbook file (the working directory for plays built in code). */
    static String playbookDir(Play play) {
        Path file = play.where() == null ? null : play.where().file();
        Path dir = file == null ? Path.of("") : file.toAbsolutePath().normalize().getParent();
        return (dir == null ? Path.of("").toAbsolutePath() : dir.toAbsolutePath()).toString();
    }
}
