package dev.duet.drbd.parse;

import dev.duet.drbd.DrbdStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Parses the text of any DRBD status interface into {@link DrbdStatus}. Never throws anything but
 * {@link StatusParseException} (input that matches no format); a partly damaged input parses what it can
 * and lists the lines it skipped in {@link DrbdStatus#skipped()}.
 * <pre>
 *   DrbdStatus s = StatusParser.parse(text);                   // format auto-detected
 *   DrbdStatus s = StatusParser.parse(text, Format.PROC_DRBD); // format known (e.g. from the command run)
 * </pre>
 * For a live {@code drbdsetup events2} stream use {@link Events2Folder} line by line instead.
 */
public final class StatusParser {
    private static final Pattern EVENTS2 = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\S+\\s+)?(exists|create|change|destroy|call|response)\\s+"
                    + "(-|resource|connection|device|peer-device|path|helper)(\\s|$)");
    private static final Pattern JSON_START = Pattern.compile("^\\s*(\\[\\s*[\\{\\]]|\\{\\s*\")");
    private static final Pattern STATUS_TEXT = Pattern.compile("^[A-Za-z0-9_.+\\-]+\\s+role:\\S");

    /**
     * The last texts parsed, with their statuses. Parsing is a function of the text and its format alone and
     * a {@link DrbdStatus} is immutable, so a text seen again answers with the status it gave: every DRBD
     * step's check (and its look-ahead) parses the one status read its host remembers, ~14 times a run.
     * Bounded: on 256 hosts' texts the least recently used goes. A text that does not parse is not kept.
     */
    private static final Map<Key, DrbdStatus> PARSED = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, DrbdStatus> eldest) {
                    return size() > REMEMBERED;
                }
            });
    static final int REMEMBERED = 256;

    /**
     * A text and the format it was parsed as; null when it was detected. A class, not a record: a record's
     * equals and hashCode are bootstrapped through method handles on first use, ~30 ms of a cold start.
     */
    private static final class Key {
        private final String text;
        private final Format format;

        Key(String text, Format format) {
            this.text = text;
            this.format = format;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(text, k.text) && format == k.format;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(text) * 31 + Objects.hashCode(format);
        }
    }

    private StatusParser() {
    }

    /** Parses text in whichever format it is in. */
    public static DrbdStatus parse(String text) {
        return remembered(new Key(text, null), () -> parse(text, detect(text)));
    }

    /** Parses text known to be in format {@code f}; empty text is a valid, empty status. */
    public static DrbdStatus parse(String text, Format f) {
        if (text == null) {
            throw new StatusParseException("no status text: expected " + f.description() + " output");
        }
        return remembered(new Key(text, f), () -> parseNew(text, f));
    }

    private static DrbdStatus remembered(Key key, Supplier<DrbdStatus> parse) {
        DrbdStatus known = PARSED.get(key);
        if (known != null) {
            return known;
        }
        DrbdStatus parsed = parse.get();
        PARSED.put(key, parsed);
        return parsed;
    }

    private static DrbdStatus parseNew(String text, Format f) {
        return switch (f) {
            case PROC_DRBD -> ProcDrbdParser.parse(text);
            case DRBD_OVERVIEW -> OverviewParser.parse(text);
            case DRBDADM_STATUS -> StatusTextParser.parse(text);
            case STATUS_JSON -> StatusJsonParser.parse(text);
            case EVENTS2 -> Events2Folder.fold(text);
        };
    }

    /** The format of {@code text}, judged from its first recognisable line. */
    public static Format detect(String text) {
        if (text == null || text.replace("\u0000", "").isBlank()) {
            throw new StatusParseException("empty input: expected the output of " + expectedList());
        }
        if (JSON_START.matcher(Lines.clean(text)).find()) {
            return Format.STATUS_JSON;
        }
        boolean versionLine = false;
        for (String line : Lines.of(text)) {
            String t = line.strip();
            if (EVENTS2.matcher(t).find()) {
                return Format.EVENTS2;
            }
            if (ProcDrbdParser.DEVICE.matcher(line).find()) {
                return Format.PROC_DRBD;
            }
            if (OverviewParser.LINE.matcher(line).find()) {
                return Format.DRBD_OVERVIEW;
            }
            if (STATUS_TEXT.matcher(line).find()) {
                return Format.DRBDADM_STATUS;
            }
            // The 8.x init script prints a version line above drbd-overview style rows, so a version line
            // only decides once no device line said otherwise (DRBD 9's /proc/drbd has nothing else).
            versionLine |= ProcDrbdParser.VERSION.matcher(t).find();
        }
        if (versionLine) {
            return Format.PROC_DRBD;
        }
        throw new StatusParseException("unrecognised DRBD status: expected the output of " + expectedList()
                + ", got " + Lines.firstLineQuote(text));
    }

    private static String expectedList() {
        return "cat /proc/drbd, drbd-overview, drbdadm status, drbdsetup status --json or drbdsetup events2";
    }
}
