package dev.duet.cluster.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * corosync's membership as {@code corosync-quorumtool -s} prints it: whether this node's partition is
 * quorate and the members it sees ({@code Nodeid Votes Name} rows; the local one marked "(local)").
 */
public record CorosyncMembership(boolean quorate, int expectedVotes, List<Member> members) {
    public record Member(int nodeId, int votes, String name, boolean local) {
    }

    /** Nodeid, Votes, an optional Qdevice column, Name, an optional "(local)". */
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(?:\\S+\\s+)?([^\\s(]\\S*)(\\s+\\(local\\))?\\s*$");

    public CorosyncMembership {
        members = List.copyOf(members);
    }

    public List<String> names() {
        return members.stream().map(Member::name).toList();
    }

    public static CorosyncMembership parse(String text) {
        Boolean quorate = null;
        int expected = 0;
        boolean inMembers = false;
        List<Member> members = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Quorate:")) {
                quorate = l.substring("Quorate:".length()).strip().equalsIgnoreCase("Yes");
            } else if (l.startsWith("Expected votes:")) {
                expected = Integer.parseInt(l.replaceAll("\\D", ""));
            } else if (l.startsWith("Nodeid") && l.contains("Name")) {
                inMembers = true;
            } else if (inMembers && !l.isEmpty()) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    members.add(new Member(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                            m.group(4) != null));
                }
            }
        }
        if (quorate == null) {
            String first = text.strip().lines().findFirst().orElse("");
            throw new ClusterStatusParseException("expected the output of corosync-quorumtool -s (a `Quorate:` line), got "
                    + (first.isEmpty() ? "nothing" : "`" + first + "`"));
        }
        return new CorosyncMembership(quorate, expected, members);
    }
}
