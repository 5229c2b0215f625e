package dev.duet.drbd;

import java.util.List;

/**
 * DRBD state as parsed from any status interface (see {@code StatusParser}). {@code format} is one of
 * proc_drbd, drbd_overview, drbdadm_status, status_json, events2. {@code version} is the kernel module
 * version when the format prints it, else null. {@code skipped} lists input lines that could not be
 * parsed (a partly damaged file parses what it can). Unconfigured minors are not in {@code devices}.
 */
public record DrbdStatus(String format, String version, List<Device> devices, List<String> skipped) {
    public DrbdStatus {
        devices = List.copyOf(devices);
        skipped = List.copyOf(skipped);
    }

    /** The device of a resource (first volume), if configured. */
    public java.util.Optional<Device> device(String resource) {
        return devices.stream().filter(d -> resource.equals(d.resource())).findFirst();
    }
}
