package dev.duet.ocfs2;

import dev.duet.transport.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The filesystem the {@code filesystem} module makes, and its mkfs line: OCFS2 on the o2cb stack (as
 * before), OCFS2 on Pacemaker's stack ({@code --cluster-stack=pcmk --cluster-name=}), or GFS2 with DLM
 * locking ({@code -p lock_dlm -t cluster:fs}, {@code -O} so it never prompts). {@code journals} null
 * means one GFS2 journal per node of the play.
 */
public record Mkfs(String fstype, String label, int slots, String blockSize, String clusterSize, String stack,
                   String clusterName, String fsName, Integer journals) {
    /** What blkid calls it (TYPE=) and what the messages call it. */
    public String display() {
        return "gfs2".equals(fstype) ? "GFS2" : "OCFS2";
    }

    /** The label blkid reports for a filesystem made by this line (GFS2: its lock table). */
    public String expectedLabel() {
        return "gfs2".equals(fstype) ? clusterName + ":" + fsName : label;
    }

    /** Whether the cluster name must match the one corosync runs with. */
    public boolean onPacemaker() {
        return "gfs2".equals(fstype) || "pcmk".equals(stack);
    }

    public int journalCount(int playNodes) {
        return journals != null ? journals : Math.max(playNodes, 1);
    }

    public Command command(String device, int playNodes) {
        List<String> argv = new ArrayList<>();
        if ("gfs2".equals(fstype)) {
            argv.addAll(List.of("mkfs.gfs2", "-O", "-p", "lock_dlm", "-t", expectedLabel(), "-j",
                    String.valueOf(journalCount(playNodes))));
            if (blockSize != null) {
                argv.addAll(List.of("-b", blockSize));
            }
        } else {
            argv.add("mkfs.ocfs2");
            if ("pcmk".equals(stack)) {
                argv.addAll(List.of("--cluster-stack=pcmk", "--cluster-name=" + clusterName));
            }
            argv.addAll(List.of("-N", String.valueOf(slots), "-L", label));
            if (blockSize != null) {
                argv.addAll(List.of("-b", blockSize));
            }
            if (clusterSize != null) {
                argv.addAll(List.of("-C", clusterSize));
            }
        }
        argv.add(device);
        return Command.change(argv.toArray(String[]::new)).withTimeout(Duration.ofMinutes(30));
    }
}
