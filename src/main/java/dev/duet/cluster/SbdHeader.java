package dev.duet.cluster;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sbd -d DEV dump} prints about an SBD header: its timeouts (seconds) and slot count.
 * {@link #MAGIC} is the header's first eight bytes on disk, which sbd checks before anything else.
 */
public record SbdHeader(OptionalInt watchdogTimeout, OptionalInt msgwaitTimeout, OptionalInt slots) {
    public static final String MAGIC = "SBD_SBD_";
    private static final Pattern LINE = Pattern.compile("^\\s*(Timeout \\((\\w+)\\)|Number of slots)\\s*:\\s*(\\d+)\\s*$");

    /** The header in a dump's text, or null when the dump shows none ("==Header ... is dumped" missing). */
    public static SbdHeader parse(String dump) {
        if (!dump.contains("is dumped") && !dump.contains("Header version")) {
            return null;
        }
        OptionalInt watchdog = OptionalInt.empty();
        OptionalInt msgwait = OptionalInt.empty();
        OptionalInt slots = OptionalInt.empty();
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            OptionalInt v = OptionalInt.of(Integer.parseInt(m.group(3)));
            if (m.group(2) == null) {
                slots = v;
            } else if (m.group(2).equals("watchdog")) {
                watchdog = v;
            } else if (m.group(2).equals("msgwait")) {
                msgwait = v;
            }
        }
        return new SbdHeader(watchdog, msgwait, slots);
    }

    /** Differences from the wanted timeouts, in words; empty when they match or were not printed. */
    public String differences(int wantedWatchdog, int wantedMsgwait) {
        StringBuilder b = new StringBuilder();
        if (watchdogTimeout.isPresent() && watchdogTimeout.getAsInt() != wantedWatchdog) {
            b.append("watchdog timeout ").append(watchdogTimeout.getAsInt()).append(" s (wanted ")
                    .append(wantedWatchdog).append(")");
        }
        if (msgwaitTimeout.isPresent() && msgwaitTimeout.getAsInt() != wantedMsgwait) {
            b.append(b.isEmpty() ? "" : ", ").append("msgwait timeout ").append(msgwaitTimeout.getAsInt())
                    .append(" s (wanted ").append(wantedMsgwait).append(")");
        }
        return b.toString();
    }
}
