package dev.duet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by plan, apply and recover. */
public final class RunOptionsMixin {
    @Option(names = {"-i", "--inventory"}, required = true, description = "Ansible inventory (YAML or INI).")
    Path inventory;

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

    @Option(names = {"-f", "--forks"}, defaultValue = "5",
            description = "At most this many hosts at once when the inventory holds many pairs (default: ${DEFAULT-VALUE}, as Ansible).")
    int forks;

    @Option(names = "--stacktrace", description = "Print stack traces of errors.")
    void stacktrace(boolean on) {
        ErrorReporter.stacktrace = on;
    }
}
