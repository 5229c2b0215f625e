package dev.duet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.error.InputException;
import dev.duet.inventory.Inventory;
import dev.duet.inventory.InventoryLoader;
import dev.duet.playbook.Playbook;
import dev.duet.playbook.PlaybookLoader;
import dev.duet.playbook.PlaybookTemplating;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.ModuleRegistry;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.testing.ScriptedNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's magic variables (its "Special Variables" documentation) are known to the planner before any host
 * is contacted and have Ansible's values when the task runs; facts Duet does not gather are refused by name.
 */
class MagicVariablesTest {
    @TempDir
    Path dir;

    /** Records each host's rendered {@code msg}. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    private final Module echo = new Module() {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<String> requiredArgs() {
            return Set.of("msg");
        }

        @Override
        public Set<String> optionalArgs() {
            return Set.of();
        }

        @Override
        public Step bind(Args args) {
            return new Step() {
                @Override
                public Check check(StepContext ctx) {
                    seen.put(ctx.hostName(), args.string("msg"));
                    return Check.ok("seen");
                }

                @Override
                public Done act(StepContext ctx, Check check) {
                    throw new AssertionError("never acts");
                }
            };
        }
    };

    private Recap run(String inventoryText, String msg, String when) throws IOException {
        Path inv = dir.resolve("inv/hosts.ini");
        Files.createDirectories(inv.getParent());
        Files.writeString(inv, inventoryText);
        Path pb = dir.resolve("play/site.yml");
        Files.createDirectories(pb.getParent());
        Files.writeString(pb, "- hosts: web\n  tasks:\n    - name: show\n      echo:\n        msg: \"" + msg + "\"\n"
                + (when == null ? "" : "      when: " + when + "\n"));
        Inventory inventory = new InventoryLoader().load(inv, pb.getParent());
        ModuleRegistry modules = new ModuleRegistry().register(echo);
        Playbook playbook = new PlaybookLoader(modules).load(pb);
        PlaybookTemplating templating = new PlaybookTemplating(inventory);
        Plan plan = new Planner(modules, templating, inventory::hostsMatching).plan(playbook, RunOptions.apply());
        return new Runner(h -> new ScriptedNode(h.name()).on(Facts.COMMAND.line(), 0, h.name() + "\n6.1.0\ndebian\n\n12\nbookworm\n12.5\n"),
                templating, e -> { }).run(plan, RunOptions.apply());
    }

    @Test
    void magicVariablesHaveAnsiblesValuesWhenTheTaskRuns() throws IOException {
        Recap recap = run("[web]\nweb1.example.com\n10.0.0.7\n[db]\nweb1.example.com\n[zz:children]\nweb\n",
                "{{ inventory_hostname_short }}|{{ group_names | join(',') }}|{{ ansible_play_hosts | join(',') }}"
                        + "|{{ ansible_play_hosts_all | length }}|{{ ansible_play_batch | length }}|{{ play_hosts | length }}"
                        + "|{{ playbook_dir }}|{{ inventory_dir }}|{{ inventory_file }}|{{ ansible_facts.distribution }}"
                        + "|{{ ansible_distribution_version }}", null);
        assertThat(recap.exitCode()).isZero();
        String inv = dir.resolve("inv").toAbsolutePath().toString();
        assertThat(seen.get("web1.example.com")).isEqualTo("web1|db,web,zz|web1.example.com,10.0.0.7|2|2|2|"
                + dir.resolve("play").toAbsolutePath() + "|" + inv + "|" + inv + "/hosts.ini|Debian|12.5");
        assertThat(seen.get("10.0.0.7")).startsWith("10.0.0.7|web,zz|");
    }

    @Test
    void ungroupedIsAGroupNameAsInAnsible() throws IOException {
        run("lonely\n[web]\nw\n[web:vars]\nx=1\n", "{{ groups['ungrouped'] | join(',') }}", null);
        assertThat(seen.get("w")).isEqualTo("lonely");
    }

    @Test
    void factsDuetDoesNotGatherAreRefusedByNameBeforeConnecting() {
        InputException e = assertThrows(InputException.class, () -> run("[web]\nw\n", "{{ ansible_default_ipv4 }}", null));
        assertThat(e.getMessage()).contains("site.yml:3:", "ansible_default_ipv4", "Duet does not gather");
        InputException viaFacts = assertThrows(InputException.class,
                () -> run("[web]\nw\n", "x", "ansible_facts['memtotal_mb'] > 1024"));
        assertThat(viaFacts.getMessage()).contains("site.yml:3:", "memtotal_mb", "does not gather");
        assertThat(seen).as("no host was contacted").isEmpty();
    }

    @Test
    void aWhenOnADistributionUsesAnsiblesSpelling() throws IOException {
        run("[web]\nw\n", "ran", "ansible_distribution == 'Debian' and ansible_os_family == 'Debian'");
        assertThat(seen).containsEntry("w", "ran");
    }
}
