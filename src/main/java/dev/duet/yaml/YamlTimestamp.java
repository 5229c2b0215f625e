package dev.duet.yaml;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain YAML 1.1 timestamp ({@code 2024-01-02}, {@code 2024-01-02 10:00:00}, {@code 2024-01-02T10:00:00Z}) as
 * PyYAML's construct_yaml_timestamp makes it for Ansible: a {@code datetime.date}, or a {@code datetime.datetime}
 * (fraction cut to microseconds, an offset kept as written, Z as +00:00). Only where Duet prints what Ansible
 * holds ({@code duet inventory}) is it more than its text: JSON writes Python's {@code isoformat()}, YAML its
 * {@code isoformat(' ')}, unquoted. {@link #toString()} is the text as written.
 */
public record YamlTimestamp(String text, LocalDate date, String time, String offset) {
    private static final Pattern FORM = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?");

    /**
     * The timestamp {@code text} (which YAML 1.1 resolved as one) names; an IllegalArgumentException saying why,
     * in Python's datetime's words, where it names no date or time (2024-02-30), which Ansible cannot load.
     */
    public static YamlTimestamp of(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a YAML timestamp");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (year < 1) {
            throw new IllegalArgumentException("year " + year + " is out of range");
        }
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month must be in 1..12");
        }
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw new IllegalArgumentException("day is out of range for month");
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (m.group(4) == null) {
            return new YamlTimestamp(text, date, null, null);
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException((hour > 23 ? "hour" : minute > 59 ? "minute" : "second")
                    + " must be in 0.." + (hour > 23 ? 23 : 59));
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        fraction = fraction.length() > 6 ? fraction.substring(0, 6) : fraction + "0".repeat(6 - fraction.length());
        String time = String.format("%02d:%02d:%02d", hour, minute, second)
                + (Integer.parseInt(fraction) == 0 ? "" : "." + fraction);
        String offset = null;
        if (m.group(9) != null) {
            int tzMinutes = Integer.parseInt(m.group(10)) * 60 + (m.group(11) == null ? 0 : Integer.parseInt(m.group(11)));
            if (tzMinutes >= 24 * 60) {
                throw new IllegalArgumentException("offset must be a timedelta strictly between -timedelta(hours=24)"
                        + " and timedelta(hours=24)");
            }
            offset = (tzMinutes == 0 ? "+" : m.group(9)) + String.format("%02d:%02d", tzMinutes / 60, tzMinutes % 60);
        } else if (m.group(8) != null) {
            offset = "+00:00";
        }
        return new YamlTimestamp(text, date, time, offset);
    }

    /** Python's isoformat(sep): the date alone for a date; else date, sep, time and the offset if any. */
    public String isoformat(char sep) {
        return time == null ? date.toString() : date + String.valueOf(sep) + time + (offset == null ? "" : offset);
    }

    @Override
    public String toString() {
        return text;
    }
}
