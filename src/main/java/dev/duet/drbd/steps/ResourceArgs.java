package dev.duet.drbd.steps;

import dev.duet.drbd.config.NodeSpec;
import dev.duet.drbd.config.ResourceModel;
import dev.duet.drbd.config.Secret;
import dev.duet.step.Args;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link ResourceModel} from drbd_resource's arguments. {@code nodes} is a list of
 * {@code {name, address[, disk, device, port, host, node_id]}} or a map {@code name: address} /
 * {@code name: {address, disk}}; per-node values default to the task's {@code disk}, {@code device} and
 * {@code port}. The secret comes from a file or an environment variable of the machine running duet.
 */
final class ResourceArgs {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_.+@:/-]*");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]+");
    private static final Pattern OPTION_KEY = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9._:/+-]+");

    private final Map<String, String> env;

    ResourceArgs(Map<String, String> env) {
        this.env = env;
    }

    ResourceModel build(Args a) {
        String name = a.name("resource");
        String device = a.optPath("device").orElse(null);
        String disk = a.optPath("disk").orElse(null);
        int port = a.integer("port", 7789);
        List<NodeSpec> nodes = nodes(a, device, disk, port);
        var net = new LinkedHashMap<String, String>();
        net.put("protocol", a.oneOf("protocol", "C", "A", "B", "C"));
        net.put("allow-two-primaries", allowTwoPrimaries(a));
        net.put("after-sb-0pri", value(a, "after_sb_0pri", "discard-zero-changes"));
        net.put("after-sb-1pri", value(a, "after_sb_1pri", "discard-secondary"));
        net.put("after-sb-2pri", value(a, "after_sb_2pri", "disconnect"));
        if (a.has("rr_conflict")) {
            net.put("rr-conflict", value(a, "rr_conflict", null));
        }
        options(a, "net_options", net);
        var diskOptions = new LinkedHashMap<String, String>();
        for (String k : List.of("resync_rate", "c_plan_ahead", "c_max_rate", "c_min_rate", "c_fill_target")) {
            if (a.has(k)) {
                diskOptions.put(k.replace('_', '-'), value(a, k, null));
            }
        }
        options(a, "disk_options", diskOptions);
        var startup = new LinkedHashMap<String, String>();
        startup.put("wfc-timeout", String.valueOf(a.integer("wfc_timeout", 20)));
        startup.put("degr-wfc-timeout", String.valueOf(a.integer("degr_wfc_timeout", 10)));
        Secret secret = secret(a);
        String alg = a.oneOf("cram_hmac_alg", "sha256", "sha1", "sha256", "sha512", "md5");
        ResourceModel model = new ResourceModel(name, nodes, a.oneOf("meta_disk", "internal", "internal"), net,
                diskOptions, startup, alg, secret);
        return a.has("fencing") ? model.withFencing(fencing(a)) : model;
    }

    /** DRBD's fencing policies; resource-and-stonith is the one a dual-primary pair under Pacemaker needs. */
    static String fencing(Args a) {
        return a.oneOf("fencing", "resource-and-stonith", "resource-and-stonith", "resource-only", "dont-care");
    }

    /**
     * yes, no, or {@value ResourceModel#AFTER_INITIAL_SYNC}: LINBIT's advice is to allow two primaries only
     * once the initial sync is over; that value lets one task both bootstrap and converge a synced pair.
     */
    private static String allowTwoPrimaries(Args a) {
        String v = a.string("allow_two_primaries", "no");
        if (ResourceModel.AFTER_INITIAL_SYNC.equals(v)) {
            return v;
        }
        return a.bool("allow_two_primaries", false) ? "yes" : "no";
    }

    private List<NodeSpec> nodes(Args a, String device, String disk, int port) {
        List<Map<String, Object>> entries = entries(a);
        if (entries.size() < 2) {
            throw a.error("nodes", "must name at least two hosts, got " + entries.size());
        }
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String where = "nodes[" + i + "]";
            String n = check(a, where + ".name", e.get("name"), NAME);
            String host = e.containsKey("host") ? check(a, where + ".host", e.get("host"), NAME) : n;
            String address = check(a, where + ".address", e.get("address"), ADDRESS);
            String d = check(a, where + ".disk", e.getOrDefault("disk", disk), PATH);
            String dev = check(a, where + ".device", e.getOrDefault("device", device), PATH);
            int p = e.containsKey("port") ? Integer.parseInt(String.valueOf(e.get("port"))) : port;
            int id = e.containsKey("node_id") ? Integer.parseInt(String.valueOf(e.get("node_id"))) : i;
            out.add(new NodeSpec(n, host, address, p, d, dev, id));
        }
        return out;
    }

    /**
     * Load-time check of the per-node values that end up in commands and the resource file (name, host,
     * address, and disk/device where an entry gives them), before any host is contacted.
     */
    static void validateNodes(Args a) {
        List<Map<String, Object>> entries = entries(a);
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String where = "nodes[" + i + "]";
            check(a, where + ".name", e.get("name"), NAME);
            check(a, where + ".address", e.get("address"), ADDRESS);
            if (e.containsKey("host")) {
                check(a, where + ".host", e.get("host"), NAME);
            }
            for (String key : List.of("disk", "device")) {
                if (e.containsKey(key)) {
                    check(a, where + "." + key, e.get(key), PATH);
                }
            }
        }
    }

    private static List<Map<String, Object>> entries(Args a) {
        Object raw = a.raw().get("nodes");
        List<Map<String, Object>> entries = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                entries.add(entry(a, o, null));
            }
        } else if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> entries.add(entry(a, v, String.valueOf(k))));
        } else {
            throw a.error("nodes", "is required: a list of {name, address} (one per DRBD host)");
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Args a, Object o, String key) {
        if (key != null && !(o instanceof Map<?, ?>)) {
            return Map.of("name", key, "address", String.valueOf(o));
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw a.error("nodes", "entries must be mappings like {name: node1, address: 10.99.0.1}, got '" + o + "'");
        }
        var copy = new LinkedHashMap<>((Map<String, Object>) m);
        if (key != null) {
            copy.putIfAbsent("name", key);
        }
        return copy;
    }

    private static String check(Args a, String what, Object value, Pattern p) {
        if (value == null) {
            throw a.error("nodes", what + " is required (or give it once for all nodes)");
        }
        String s = String.valueOf(value);
        if (!p.matcher(s).matches()) {
            throw a.error("nodes", what + " must not contain spaces or shell metacharacters, got '" + s + "'");
        }
        return s;
    }

    private static String value(Args a, String key, String fallback) {
        String v = a.string(key, fallback);
        if (!OPTION_VALUE.matcher(v).matches()) {
            throw a.error(key, "must be a single word without spaces or metacharacters, got '" + v + "'");
        }
        return v;
    }

    private static void options(Args a, String key, Map<String, String> into) {
        a.map(key).forEach((k, v) -> {
            String value = v instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(v);
            if (!OPTION_KEY.matcher(k).matches() || !OPTION_VALUE.matcher(value).matches()) {
                throw a.error(key, "option '" + k + "' must be a DRBD option name with a single-word value, got '"
                        + value + "'");
            }
            if (k.equals("shared-secret")) {
                throw a.error(key, "must not carry shared-secret: use secret_file or secret_env");
            }
            into.put(k, value);
        });
    }

    private Secret secret(Args a) {
        String text;
        if (a.has("secret_file")) {
            Path p = Path.of(a.string("secret_file"));
            try {
                text = Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw a.error("secret_file", "cannot be read: " + p + " (" + e.getClass().getSimpleName() + ")");
            }
        } else if (a.has("secret_env")) {
            String var = a.string("secret_env");
            text = env.get(var);
            if (text == null || text.isBlank()) {
                throw a.error("secret_env", "names environment variable " + var + ", which is not set");
            }
            text = text.strip();
        } else {
            return null;
        }
        if (text.isEmpty() || text.length() > 64 || text.contains("\"") || text.contains("\\")
                || text.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw a.error(a.has("secret_file") ? "secret_file" : "secret_env",
                    "must hold 1-64 printable characters without quotes, backslashes or spaces (value not shown)");
        }
        return new Secret(text);
    }
}
