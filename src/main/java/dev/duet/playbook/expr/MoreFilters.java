package dev.duet.playbook.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.duet.playbook.expr.Filters.KeywordArg;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The Jinja/Ansible filters beyond the basic ones: lists, text, regexes, JSON/YAML, paths, base64. */
final class MoreFilters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MoreFilters() {
    }

    static Object apply(String name, Object v, List<Object> all) {
        List<Object> args = all.stream().filter(a -> !(a instanceof KeywordArg)).toList();
        Map<String, Object> kw = new LinkedHashMap<>();
        all.stream().filter(a -> a instanceof KeywordArg).map(a -> (KeywordArg) a).forEach(k -> kw.put(k.name(), k.value()));
        return switch (name) {
            case "map" -> map(v, args, kw);
            case "select", "reject" -> select(list(name, v), args, name.equals("reject"), null);
            case "selectattr", "rejectattr" -> {
                if (args.isEmpty()) {
                    throw new ExprError(name + ": expected an attribute name");
                }
                yield select(list(name, v), args.subList(1, args.size()), name.equals("rejectattr"), Values.text(args.get(0)));
            }
            case "regex_replace" -> {
                Filters.arity(name, args, 1, 2);
                Matcher m = pattern(args.get(0), kw).matcher(Values.text(v));
                yield m.replaceAll(args.size() > 1 ? pythonReplacement(Values.text(args.get(1))) : "");
            }
            case "regex_search" -> {
                Filters.arity(name, args, 1, 1);
                Matcher m = pattern(args.get(0), kw).matcher(Values.text(v));
                yield m.find() ? m.group() : null;
            }
            case "replace" -> {
                Filters.arity(name, args, 2, 2);
                yield Values.text(v).replace(Values.text(args.get(0)), Values.text(args.get(1)));
            }
            case "to_json", "to_nice_json" -> json(v, name.equals("to_nice_json"));
            case "to_yaml", "to_nice_yaml" -> yaml(v);
            case "b64encode" -> Base64.getEncoder().encodeToString(Values.text(v).getBytes(StandardCharsets.UTF_8));
            case "b64decode" -> new String(Base64.getDecoder().decode(Values.text(v).strip()), StandardCharsets.UTF_8);
            case "basename" -> {
                String p = Values.text(v);
                yield p.substring(p.lastIndexOf('/') + 1);
            }
            case "dirname" -> {
                String p = Values.text(v);
                int i = p.lastIndexOf('/');
                yield i < 0 ? "" : i == 0 ? "/" : p.substring(0, i);
            }
            case "unique" -> new ArrayList<>(new LinkedHashSet<>(list(name, v)));
            case "sort" -> sort(list(name, v), kw);
            case "list" -> v instanceof Map<?, ?> m ? new ArrayList<>(m.keySet()) : list(name, v);
            case "first", "last" -> {
                List<Object> l = list(name, v);
                yield l.isEmpty() ? null : l.get(name.equals("first") ? 0 : l.size() - 1);
            }
            case "quote" -> "'" + Values.text(v).replace("'", "'\"'\"'") + "'";
            case "float" -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(Values.text(v).strip());
            case "abs" -> v instanceof Double d ? Math.abs(d) : Math.abs(((Number) Filters.toInt(v)).longValue());
            case "min", "max", "sum" -> aggregate(name, list(name, v));
            case "dict2items" -> dict2items(v);
            case "items2dict" -> items2dict(list(name, v));
            case "combine" -> combine(v, args);
            case "flatten" -> flatten(list(name, v));
            case "splitlines" -> List.of(Values.text(v).split("\r?\n"));
            case "split" -> List.of(args.isEmpty() ? Values.text(v).strip().split("\\s+")
                    : Values.text(v).split(Pattern.quote(Values.text(args.get(0))), -1));
            case "capitalize" -> {
                String s = Values.text(v).toLowerCase(Locale.ROOT);
                yield s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
            case "ternary" -> {
                Filters.arity(name, args, 2, 3);
                yield Values.truthy(v) ? args.get(0) : args.get(1);
            }
            case "mandatory" -> v;
            default -> throw new ExprError("unknown filter '" + name + "' (known: " + String.join(", ", Filters.KNOWN) + ")");
        };
    }

    private static Object map(Object v, List<Object> args, Map<String, Object> kw) {
        List<Object> in = list("map", v);
        List<Object> out = new ArrayList<>();
        if (kw.containsKey("attribute")) {
            String attr = Values.text(kw.get("attribute"));
            for (Object o : in) {
                Object got = o instanceof Map<?, ?> m ? m.get(attr) : null;
                if (got == null && !(o instanceof Map<?, ?> m2 && m2.containsKey(attr))) {
                    if (!kw.containsKey("default")) {
                        throw new UndefinedError("item." + attr);
                    }
                    got = kw.get("default");
                }
                out.add(got);
            }
            return out;
        }
        if (args.isEmpty()) {
            throw new ExprError("map: expected a filter name or attribute=NAME");
        }
        String filter = Values.text(args.get(0));
        if (!Filters.KNOWN.contains(filter)) {
            throw new ExprError("map: unknown filter '" + filter + "'");
        }
        for (Object o : in) {
            out.add(Filters.apply(filter, o, args.subList(1, args.size())));
        }
        return out;
    }

    private static List<Object> select(List<Object> in, List<Object> args, boolean reject, String attr) {
        String test = args.isEmpty() ? "truthy" : Values.text(args.get(0));
        if (!Tests.KNOWN.contains(test) && !test.equals("==") && !test.equals("!=")) {
            throw new ExprError("unknown test '" + test + "' (known: " + String.join(", ", Tests.KNOWN) + ")");
        }
        String t = test.equals("==") ? "eq" : test.equals("!=") ? "ne" : test;
        List<Object> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
            Object target = o;
            if (attr != null) {
                target = o instanceof Map<?, ?> m && m.containsKey(attr) ? m.get(attr) : new Evaluator.Undefined(attr);
            }
            if (Tests.apply(t, target, rest) != reject) {
                out.add(o);
            }
        }
        return out;
    }

    private static Pattern pattern(Object regex, Map<String, Object> kw) {
        try {
            int flags = Values.truthy(kw.get("ignorecase")) ? Pattern.CASE_INSENSITIVE : 0;
            if (Values.truthy(kw.get("multiline"))) {
                flags |= Pattern.MULTILINE;
            }
            return Pattern.compile(Values.text(regex), flags);
        } catch (PatternSyntaxException e) {
            throw new ExprError("bad regular expression '" + regex + "': " + e.getDescription());
        }
    }

    /** Python's {@code \1} and {@code \g<name>} back-references in Java's {@code $1} syntax. */
    private static String pythonReplacement(String r) {
        String escaped = r.replace("$", "\\$");
        return escaped.replaceAll("\\\\g<(\\w+)>", "\\${$1}").replaceAll("\\\\(\\d)", "\\$$1");
    }

    private static String json(Object v, boolean pretty) {
        try {
            return pretty ? JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v)
                    : JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new ExprError("to_json: " + e.getOriginalMessage());
        }
    }

    private static String yaml(Object v) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> sort(List<Object> in, Map<String, Object> kw) {
        List<Object> out = new ArrayList<>(in);
        String attr = kw.containsKey("attribute") ? Values.text(kw.get("attribute")) : null;
        Comparator<Object> c = (a, b) -> {
            Object x = attr == null ? a : ((Map<?, ?>) a).get(attr);
            Object y = attr == null ? b : ((Map<?, ?>) b).get(attr);
            if (x instanceof Number n && y instanceof Number m) {
                return Double.compare(n.doubleValue(), m.doubleValue());
            }
            return Values.text(x).compareTo(Values.text(y));
        };
        out.sort(Values.truthy(kw.get("reverse")) ? c.reversed() : c);
        return out;
    }

    private static Object aggregate(String name, List<Object> in) {
        if (name.equals("sum")) {
            Object total = 0;
            for (Object o : in) {
                total = Values.arith("+", total, o);
            }
            return total;
        }
        if (in.isEmpty()) {
            return null;
        }
        List<Object> sorted = sort(in, Map.of());
        return name.equals("min") ? sorted.get(0) : sorted.get(sorted.size() - 1);
    }

    private static List<Object> dict2items(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new ExprError("dict2items: expected a mapping, got " + Values.typeName(v));
        }
        List<Object> out = new ArrayList<>();
        m.forEach((k, val) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", k);
            e.put("value", val);
            out.add(e);
        });
        return out;
    }

    private static Map<String, Object> items2dict(List<Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : in) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new ExprError("items2dict: expected a list of {key, value} mappings");
            }
            out.put(Values.text(m.get("key")), m.get("value"));
        }
        return out;
    }

    private static Map<String, Object> combine(Object v, List<Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : java.util.stream.Stream.concat(java.util.stream.Stream.of(v), args.stream()).toList()) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new ExprError("combine: expected mappings, got " + Values.typeName(o));
            }
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
        }
        return out;
    }

    private static List<Object> flatten(List<Object> in) {
        List<Object> out = new ArrayList<>();
        for (Object o : in) {
            if (o instanceof List<?> l) {
                out.addAll(flatten(new ArrayList<>(l)));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    private static List<Object> list(String filter, Object v) {
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        throw new ExprError(filter + ": expected a list, got " + Values.typeName(v) + " '" + Values.text(v) + "'");
    }
}
