package dev.duet.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One inventory host with its merged variables (all → parent groups → groups → host, later wins),
 * as Ansible merges them. {@code groups} lists every group the host belongs to, including "all".
 */
public record Host(String name, Map<String, Object> vars, List<String> groups) {
    public Host {
        vars = Map.copyOf(vars);
        groups = List.copyOf(groups);
    }

    public Optional<String> var(String key) {
        Object v = vars.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /**
     * The first of the names that is set, as Ansible's ssh connection resolves its options: the legacy
     * {@code ansible_ssh_*} spelling is listed after the plain one there, so it wins when both are set.
     */
    public Optional<String> connectionVar(String plain, String legacy) {
        return var(legacy).or(() -> var(plain));
    }

    /** {@code ansible_ssh_host}, else {@code ansible_host}, else the inventory name. */
    public String address() {
        return connectionVar("ansible_host", "ansible_ssh_host").orElse(name);
    }

    /** {@code ansible_ssh_port}, else {@code ansible_port}, else 22. */
    public int port() {
        return connectionVar("ansible_port", "ansible_ssh_port").map(p -> Integer.parseInt(p.strip())).orElse(22);
    }

    /** {@code ansible_ssh_user}, else {@code ansible_user}, else the local user, as ssh does. */
    public String user() {
        return connectionVar("ansible_user", "ansible_ssh_user").orElse(System.getProperty("user.name"));
    }
}
