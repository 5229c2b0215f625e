package dev.duet.drbd.config;

/**
 * One {@code on} section: {@code name} is the DRBD host name (must equal the node's {@code uname -n}),
 * {@code host} the inventory host it belongs to (defaults to {@code name}), {@code nodeId} DRBD 9's
 * node-id (the position in the list unless given).
 */
public record NodeSpec(String name, String host, String address, int port, String disk, String device,
                       int nodeId) {
    /** {@code ipv4 10.99.0.1:7789} or {@code ipv6 [fd00::1]:7789}. */
    public String addressLine() {
        return address.contains(":") ? "ipv6 [" + address + "]:" + port : "ipv4 " + address + ":" + port;
    }
}
