package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which packages dpkg has installed, asked for all of a task's packages in one {@code dpkg-query} (one
 * process on the host, where one query per package cost ~0.1-0.2 s each on a slow guest). Each line is
 * {@code PACKAGE WANT FLAG STATUS}; a package is installed when some instance of it (an architecture) is
 * {@code ok installed}, whatever is wanted of it: a held package ({@code hold ok installed}) is
 * installed, as Ansible's apt module counts it, so it is not installed again on every run. A name dpkg
 * does not know prints nothing and makes the query exit 1; any other exit status is an error of the
 * query, which leaves the answer unknown and refuses, never "not installed".
 */
final class DpkgStatus {
    private DpkgStatus() {
    }

    /** The one query; dpkg-query expands the {@code \n} of its format itself. */
    static Command query(List<String> names) {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${Status}\\n"));
        argv.addAll(names);
        return Command.probe(argv.toArray(String[]::new));
    }

    /** The names of {@code asked} that {@code r} (the answer to {@link #query}) lists as installed, in order. */
    static List<String> installed(String node, List<String> asked, CommandResult r) {
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            throw new DuetException(Reason.COMMAND_FAILED, node + ": cannot tell which packages are installed: `"
                    + r.command().line() + "` exited " + r.exitCode() + " (" + r.stderr().strip() + ")");
        }
        Set<String> ok = new HashSet<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split(" +");
            if (f.length == 4 && f[2].equals("ok") && f[3].equals("installed")) {
                ok.add(f[0]);
            }
        }
        return asked.stream().filter(ok::contains).toList();
    }
}
