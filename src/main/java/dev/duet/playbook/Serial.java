package dev.duet.playbook;

import dev.duet.step.Args;
import dev.duet.yaml.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A play's {@code serial:}: batch sizes as Ansible reads them, each a count ({@code 2}) or a share of the
 * play's hosts ({@code "30%"}, rounded down, at least one), a single value or a list whose last size
 * repeats; a size of 0 takes every host left. {@code where} is the keyword's position, for refusals.
 */
public record Serial(List<String> sizes, Args.Location where) {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(%?)");

    public Serial {
        sizes = List.copyOf(sizes);
    }

    static Serial read(LocatedNode.Entry entry) {
        LocatedNode v = entry.value();
        List<LocatedNode> items = v.isSequence() ? v.items() : List.of(v);
        if (items.isEmpty()) {
            throw v.error("expected serial to be a number, a percentage (\"30%\") or a list of them, got an empty list");
        }
        List<String> sizes = new ArrayList<>();
        for (LocatedNode item : items) {
            String text = item.isScalar() && !item.isNull() ? String.valueOf(item.value()).strip() : "";
            if (!(item.value() instanceof String || item.value() instanceof Number) || !SIZE.matcher(text).matches()) {
                throw item.error("expected serial to be a number, a percentage (\"30%\") or a list of them, got "
                        + item.describe());
            }
            sizes.add(text);
        }
        return new Serial(sizes, entry.key().location());
    }

    /** The hosts in batches, in their order: Ansible's {@code _get_serialized_batches} with {@code pct_to_int}. */
    public <T> List<List<T>> batches(List<T> hosts) {
        List<List<T>> out = new ArrayList<>();
        int next = 0;
        int item = 0;
        while (next < hosts.size()) {
            int size = size(sizes.get(item), hosts.size());
            int end = size <= 0 ? hosts.size() : Math.min(hosts.size(), next + size);
            out.add(List.copyOf(hosts.subList(next, end)));
            next = end;
            item = Math.min(item + 1, sizes.size() - 1);
        }
        return out;
    }

    private static int size(String value, int total) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("checked when read: " + value);
        }
        int n = Integer.parseInt(m.group(1));
        if (m.group(2).isEmpty()) {
            return n;
        }
        return Math.max(1, (int) (n / 100.0 * total));
    }

    @Override
    public String toString() {
        return sizes.size() == 1 ? sizes.get(0) : sizes.toString();
    }
}
