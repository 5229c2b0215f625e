package dev.duet.cli;

import dev.duet.ocfs2.BlockSignature;
import dev.duet.testing.Captures;
import dev.duet.testing.FakeReply;
import dev.duet.testing.FakeSshHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two embedded-SSH hosts scripted as the lab pair after a bootstrap: DRBD 8.4.11 Connected,
 * Primary/Primary, UpToDate/UpToDate (lab captures), drbd-utils and ocfs2-tools installed, an OCFS2
 * filesystem on /dev/drbd0. The configuration files are absent until a first {@code apply} writes them;
 * o2cb comes online on {@code systemctl restart o2cb} and the volume is mounted by {@code mount}, so
 * apply → apply is "bootstrap the files" → "nothing to do".
 */
final class HealthyPair {
    static final Path PLAYBOOK = Path.of("playbooks/dual-primary-ocfs2.yml");

    private HealthyPair() {
    }

    /** Scripts both hosts of {@code pair} and returns an inventory (group drbd_pair) for them. */
    static Path script(FakePair pair, Path dir) {
        pair.both().forEach(HealthyPair::healthy);
        Map<String, Object> hosts = new LinkedHashMap<>();
        int i = 1;
        for (FakeSshHost h : pair.both()) {
            Map<String, Object> vars = new LinkedHashMap<>(h.inventoryVars());
            vars.put("replication_address", "10.20.0." + i++);
            vars.put("drbd_disk", "/dev/vdb");
            hosts.put(h.name(), vars);
        }
        return FakePair.writeInventory(dir, "drbd_pair", hosts);
    }

    /**
     * /etc/passwd and /etc/group naming root the owner the fake's files really have (this test's user), as
     * on a real host, where SFTP probes find owner names.
     */
    static void accounts(FakeSshHost h) {
        try {
            Path any = h.path("/etc/os-release");
            Object uid = java.nio.file.Files.getAttribute(any, "unix:uid");
            Object gid = java.nio.file.Files.getAttribute(any, "unix:gid");
            h.file("/etc/passwd", "root:x:" + uid + ":" + gid + ":root:/root:/bin/bash\n");
            h.file("/etc/group", "root:x:" + gid + ":\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static FakeSshHost healthy(FakeSshHost h) {
        String n = h.name();
        AtomicBoolean online = new AtomicBoolean();
        AtomicBoolean mounted = new AtomicBoolean();
        h.file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        h.file("/etc/fstab", "# /etc/fstab\n/dev/vda / ext4 defaults 0 1\n");
        accounts(h);
        h.on("uname -n", 0, n + "\n");
        h.on("dpkg-query -W ", r -> {
            dev.duet.testing.DpkgAnswer a = dev.duet.testing.DpkgAnswer.all(r.argv());
            return dev.duet.testing.FakeReply.exit(a.exit(), a.stdout(), a.stderr());
        });
        h.on("drbdsetup status r0 --verbose --statistics", 0,
                Captures.output("drbdsetup_status_verbose__dual_primary__node1"));
        h.on("cat /proc/drbd", 0, Captures.output("proc_drbd__dual_primary__node" + (n.endsWith("2") ? "2" : "1")));
        h.on("drbdadm --version", 0, Captures.output("drbdadm_version__node1"));
        h.on("drbdadm -d adjust r0", 0, "");
        h.on("drbdadm adjust r0", 0, "");
        h.on("drbdsetup show r0", 0, "resource r0 {\n    net {\n        allow-two-primaries yes;\n    }\n}\n");
        h.on("systemctl is-enabled ", 0, "enabled\n");
        h.on("systemctl daemon-reload", 0, "");
        h.on("systemctl restart o2cb", r -> {
            online.set(true);
            return FakeReply.ok();
        });
        h.on("o2cb cluster-status ocfs2", r -> online.get() ? FakeReply.ok("Cluster 'ocfs2' is online\n")
                : FakeReply.exit(1, "Cluster 'ocfs2' is offline\n", ""));
        h.on("mkdir -p ", 0, "");
        h.on(BlockSignature.command("/dev/drbd0").line(), 0, "DEVNAME=/dev/drbd0\nLABEL=shared\nUUID=0f1e2d3c\nBLOCK_SIZE=4096\n"
                + "TYPE=ocfs2\nUSAGE=filesystem\n");
        h.on("readlink -f /dev/drbd0", 0, "/dev/drbd0\n");
        h.on("findmnt -n -t ocfs2 -o TARGET", r -> mounted.get() ? FakeReply.ok("/srv/shared\n")
                : FakeReply.exit(1, "", ""));
        // the mount table the lab showed with the volume mounted and after umount, and findmnt from the same state
        String mountedTable = Captures.output("proc_self_mountinfo__ocfs2_mounted__node" + (n.endsWith("2") ? "2" : "1"));
        String unmountedTable = Captures.output("proc_self_mountinfo__unmounted__node1");
        h.on("cat /proc/self/mountinfo", r -> FakeReply.ok(mounted.get() ? mountedTable : unmountedTable));
        h.on("findmnt -n -o SOURCE,FSTYPE,OPTIONS --mountpoint /srv/shared", r -> mounted.get()
                ? FakeReply.ok("/dev/drbd0 ocfs2  rw,noatime,_netdev,heartbeat=local,nointr,data=ordered\n")
                : FakeReply.exit(1, "", ""));
        h.on("mount -t ocfs2 ", r -> {
            mounted.set(true);
            return FakeReply.ok();
        });
        return h;
    }

    /**
     * Starts {@code pairs} healthy pairs (hosts pN-1, pN-2) and writes an inventory of them: group
     * drbd_pair with one child group pair_N per pair.
     */
    static Path manyPairs(int pairs, List<FakeSshHost> started, Path dir) {
        return manyPairs(pairs, started, dir, Map.of());
    }

    /** As {@link #manyPairs(int, List, Path)}, the hosts named in {@code ports} pointed at another port. */
    static Path manyPairs(int pairs, List<FakeSshHost> started, Path dir, Map<String, Integer> ports) {
        return manyPairs(pairs, started, dir, ports, java.time.Duration.ZERO);
    }

    /** As {@link #manyPairs(int, List, Path, Map)}, every exec of every host answered after {@code latency}. */
    static Path manyPairs(int pairs, List<FakeSshHost> started, Path dir, Map<String, Integer> ports,
                          java.time.Duration latency) {
        for (int p = 1; p <= pairs; p++) {
            for (int i = 1; i <= 2; i++) {
                started.add(healthy(FakePair.emulateLinux(FakeSshHost.start("p" + p + "-" + i))).latency(latency));
            }
        }
        return inventoryOf(started, dir, ports);
    }

    /** The inventory of hosts named pN-1, pN-2 (pair_N under drbd_pair), those in {@code ports} at another port. */
    static Path inventoryOf(List<FakeSshHost> hosts, Path dir, Map<String, Integer> ports) {
        Map<String, Object> children = new LinkedHashMap<>();
        for (FakeSshHost h : hosts) {
            String pair = h.name().substring(1, h.name().indexOf('-'));
            Map<String, Object> vars = new LinkedHashMap<>(h.inventoryVars());
            vars.put("replication_address", "10.20." + pair + "." + h.name().substring(h.name().indexOf('-') + 1));
            if (ports.containsKey(h.name())) {
                vars.put("ansible_port", ports.get(h.name()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) children.computeIfAbsent("pair_" + pair,
                    g -> new LinkedHashMap<>(Map.of("hosts", new LinkedHashMap<String, Object>())));
            @SuppressWarnings("unchecked")
            Map<String, Object> groupHosts = (Map<String, Object>) group.get("hosts");
            groupHosts.put(h.name(), vars);
        }
        Map<String, Object> parent = Map.of("vars", Map.of("drbd_disk", "/dev/vdb"), "children", children);
        Map<String, Object> all = Map.of("all", Map.of("children", Map.of("drbd_pair", parent)));
        try {
            Path file = dir.resolve("pairs.yml");
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValue(file.toFile(), all);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The remote commands (exec channels) a host received, one per line of Duet's command log. */
    static List<String> execs(FakeSshHost h) {
        return h.execs();
    }
}
