package dev.duet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by plan, apply and recover. */
public final class RunOptionsMixin {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Ansible inventory: a YAML or INI file, a directory of them, or a host list ('node1,node2:2222,'); repeat -i to read several into"
                    + " one, as Ansible does (later ones add hosts and groups and win for the same host's or group's"
                    + " variable).")
    List<Path> inventories;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "Playbook (YAML).")
    Path playbook;

    @Option(names = "--json", description = "One JSON object per event instead of the human output.")
    boolean json;

    @Option(names = {"-t", "--tags"}, split = ",", description = "Only tasks with these tags.")
    List<String> tags = List.of();

    @Option(names = "--skip-tags", split = ",", description = "Leave out tasks with these tags.")
    List<String> skipTags = List.of();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "Extra variables, highest precedence, as in Ansible: 'k=v k2=v2', @FILE (YAML/JSON) or inline YAML/JSON.")
    List<String> extraVarOptions = new ArrayList<>();

    /** The -e options merged, later ones winning. */
    Map<String, Object> extraVars() {
        return ExtraVars.parse(extraVarOptions);
    }

    @Option(names = "--accept-new-host-keys",
            description = "Record keys of hosts not yet in known_hosts (like OpenSSH accept-new). A changed key is always refused.")
    boolean acceptNewHostKeys;

    @Option(names = "--persist", paramLabel = "DURATION",
            description = "Keep the SSH connections open for DURATION after the run (60s, 5m; 'no'), in a background"
                    + " process of your own, so the next run skips the handshake (Ansible's ControlPersist)."
                    + " Default: $DUET_PERSIST, else off.")
    String persist;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
            description = "Only these hosts, an Ansible host pattern ('node1', 'all:!node2'); a play left without hosts is skipped.")
    String limit;

    @Option(names = "--list-hosts", description = "List each play's hosts and exit; no host is contacted.")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "List the tasks that would run (after --tags/--skip-tags) and exit.")
    boolean listTasks;

    @Option(names = "--list-tags", description = "List the tags of each play's tasks and exit.")
    boolean listTags;

    @Option(names = "--syntax-check", description = "Load and check the playbook (everything checked before connecting) and exit.")
    boolean syntaxCheck;

    @Option(names = "--start-at-task", paramLabel = "NAME", description = "Start at the first task of this name (a glob such as 'Mark *' matches too).")
    String startAtTask;

    @Option(names = "-v", description = "More output: -v result values and times, -vv also each remote command, -vvv also its output.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-f", "--forks"}, defaultValue = "5",
            description = "At most this many hosts at once when the inventory holds many pairs (default: ${DEFAULT-VALUE}, as Ansible).")
    int forks;

    @Option(names = "--stacktrace", description = "Print stack traces of errors.")
    void stacktrace(boolean on) {
        ErrorReporter.stacktrace = on;
    }
}
