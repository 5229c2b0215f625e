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

    /** {@code ansible_host}, else the inventory name. */
    public String address() {
        return var("ansible_host").orElse(name);
    }

    /** {@code ansible_port} read the way load-time validation reads it: surrounding blanks do not count. */
    public int port() {
        return var("ansible_port").map(p -> Integer.parseInt(p.strip())).orElse(22);
    }

    public String user() {
        return var("ansible_user").orElse(System.getProperty("user.name"));
    }
}
