package dev.duet.cli;

import dev.duet.engine.EngineEvent;
import dev.duet.engine.Facts;
import dev.duet.engine.Plan;
import dev.duet.engine.Planner;
import dev.duet.engine.Recap;
import dev.duet.engine.RunOptions;
import dev.duet.engine.Runner;
import dev.duet.engine.StepResult;
import dev.duet.playbook.Playbook;
import dev.duet.testing.ScriptedNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The CLI's path (inventory and playbook loaded by {@link Wiring}, planned, run by the real Runner with the
 * real modules) over scripted nodes instead of SSH: proves what reached each host in a whole run.
 */
final class ScriptedPairRun {
    static final String INVENTORY = """
            all:
              children:
                drbd_pair:
                  vars:
                    drbd_disk: /dev/vdb
                  hosts:
                    node1:
                      ansible_host: 127.0.0.1
                      replication_address: 10.99.0.1
                    node2:
                      ansible_host: 127.0.0.1
                      replication_address: 10.99.0.2
            """;
    static final Path PLAYBOOK = Path.of("playbooks/dual-primary-ocfs2.yml");

    final List<StepResult> results = new CopyOnWriteArrayList<>();
    Recap recap;

    static Path inventory(Path dir) {
        try {
            return Files.writeString(dir.resolve("inventory.yml"), INVENTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the fact-gathering script of a Debian 12 node. */
    static ScriptedNode withFacts(ScriptedNode n) {
        return n.on(Facts.COMMAND.line(), 0, n.name() + "\n6.1.0-27-amd64\ndebian\n\n12\n")
                .on("drbdadm --version", 0, "DRBDADM_VERSION=9.22.0\nDRBD_KERNEL_VERSION_CODE=0x08040b\n");
    }

    ScriptedPairRun run(Path dir, Map<String, ScriptedNode> nodes, boolean check, UnaryOperator<Playbook> derive) {
        Wiring wiring = new Wiring(inventory(dir), false);
        Playbook playbook = derive.apply(wiring.playbook(PLAYBOOK));
        RunOptions options = check ? RunOptions.check() : RunOptions.apply();
        Plan plan = new Planner(wiring.modules(), wiring.templating(), wiring.hostPattern()).plan(playbook, options);
        recap = new Runner(host -> nodes.get(host.name()), wiring.templating(), event -> {
            if (event instanceof EngineEvent.HostDone done) {
                results.add(done.result());
            }
        }).run(plan, options);
        return this;
    }

    List<StepResult> failed() {
        return results.stream().filter(r -> r.status() == dev.duet.engine.Status.FAILED).toList();
    }
}
