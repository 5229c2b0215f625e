package dev.duet.testing;

import java.util.List;
import java.util.Set;

/**
 * What {@code dpkg-query -W -f='${Package} ${Status}\n' NAME...} prints on a host where {@code installed}
 * are installed: a line per known name, "no packages found matching" for the others, exit 1 if any.
 */
public record DpkgAnswer(int exit, String stdout, String stderr) {
    /** Every package asked is installed. */
    public static DpkgAnswer all(List<String> argv) {
        return of(argv, Set.copyOf(argv.subList(3, argv.size())));
    }

    public static DpkgAnswer of(List<String> argv, Set<String> installed) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : argv.subList(3, argv.size())) {
            if (installed.contains(name)) {
                out.append(name).append(" install ok installed\n");
            } else {
                err.append("dpkg-query: no packages found matching ").append(name).append('\n');
            }
        }
        return new DpkgAnswer(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
    }
}
