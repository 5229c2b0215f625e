package dev.duet.playbook;

import dev.duet.error.InputException;
import dev.duet.playbook.expr.ExprError;
import dev.duet.step.Args;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Template files of the {@code template} module: parsed when the playbook loads (a syntax error, an
 * unknown filter or test is exit 4 naming the template file and line), rendered per host at run time.
 */
final class TemplateFiles {
    private TemplateFiles() {
    }

    /** Checks a template task's literal {@code src}, found as the module will find it. */
    static void check(Map<String, Object> args, Args.Location where) {
        Object src = args.get("src");
        if (!(src instanceof String s) || Templater.hasTemplate(s) || where == null || where.file() == null) {
            return;
        }
        Path dir = where.file().toAbsolutePath().getParent();
        Path file = Path.of(s);
        if (!file.isAbsolute() && dir != null) {
            Path inRole = dir.getParent() == null ? null : dir.getParent().resolve("templates").resolve(s);
            file = inRole != null && Files.isRegularFile(inRole) ? inRole : dir.resolve(s);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(where.file(), where.line(), where.column(),
                    "template: src names a file that cannot be read: " + file);
        }
        try {
            JinjaTemplate.parse(text);
        } catch (ExprError e) {
            throw located(file, e);
        }
    }

    static String render(String text, Map<String, Object> vars, String source) {
        try {
            return JinjaTemplate.parse(text).render(vars);
        } catch (ExprError e) {
            throw located(Path.of(source), e);
        }
    }

    private static InputException located(Path file, ExprError e) {
        String m = e.getMessage();
        if (m.startsWith("line ")) {
            int colon = m.indexOf(':');
            try {
                int line = Integer.parseInt(m.substring(5, colon));
                return new InputException(file, line, 0, m.substring(colon + 1).strip());
            } catch (NumberFormatException | StringIndexOutOfBoundsException ignored) {
                // not a line prefix after all: report the file only
            }
        }
        return new InputException(file, 0, 0, m);
    }
}
