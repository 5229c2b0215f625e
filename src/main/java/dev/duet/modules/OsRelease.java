package dev.duet.modules;

import java.util.ArrayList;
import java.util.List;

/** The {@code ID} and {@code ID_LIKE} of {@code /etc/os-release}, which name the distribution family. */
public record OsRelease(String id, List<String> idLike) {
    public OsRelease {
        idLike = List.copyOf(idLike);
    }

    public static OsRelease parse(String text) {
        String id = "";
        List<String> like = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (eq < 0 || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = unquote(line.substring(eq + 1)).toLowerCase();
            if (key.equals("ID")) {
                id = value;
            } else if (key.equals("ID_LIKE")) {
                like.addAll(List.of(value.split("\\s+")));
            }
        }
        return new OsRelease(id, like);
    }

    /** True when the distribution is, or says it is like, one of {@code families}. */
    public boolean isLike(String... families) {
        for (String f : families) {
            if (id.equals(f) || idLike.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
