package dev.duet.transport.ssh;

import java.util.Objects;

/** Where one inventory host is reached: {@code node} is its inventory name, used in every message. */
public record SshEndpoint(String node, String address, int port, String user) {
    public SshEndpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
    }

    public String hostPort() {
        return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }

    /** The host field OpenSSH writes in known_hosts: bare on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        String host = address.toLowerCase(java.util.Locale.ROOT);
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    boolean isRoot() {
        return "root".equals(user);
    }
}
