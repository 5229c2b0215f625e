package dev.duet.drbd.wait;

import dev.duet.drbd.Device;
import dev.duet.drbd.Peer;
import java.util.Optional;

/** One line describing a device's state, for messages ("last seen: ..."). */
public final class DeviceText {
    private DeviceText() {
    }

    /** The state words only (no counters): equal strings mean nothing changed. */
    public static String words(Optional<Device> device) {
        if (device.isEmpty()) {
            return "resource not up";
        }
        Device d = device.get();
        Optional<Peer> p = d.peer();
        return "role=" + d.role() + " disk=" + d.disk()
                + " connection=" + p.map(x -> x.rawState() != null && !x.rawState().equals(x.connection())
                        ? x.connection() + "(" + x.rawState() + ")" : x.connection()).orElse("none")
                + " replication=" + p.map(Peer::replication).orElse("-")
                + " peer_role=" + p.map(Peer::role).orElse("-")
                + " peer_disk=" + p.map(Peer::disk).orElse("-");
    }

    public static String describe(Optional<Device> device) {
        String words = words(device);
        return device.map(Device::outOfSyncKiB).map(oos -> words + " out_of_sync=" + oos + "KiB").orElse(words);
    }
}
