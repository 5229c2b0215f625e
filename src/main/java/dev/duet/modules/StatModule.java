package dev.duet.modules;

import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.CommandResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code stat}: reads {@code path} with {@code stat} and registers {@code stat.exists},
 * {@code isreg}, {@code isdir}, {@code islnk}, {@code mode}, {@code pw_name}, {@code gr_name},
 * {@code size}, {@code path}. Read-only: the same in plan and apply. A probe that fails for another
 * reason than "no such file" fails the task (unknown, never "absent").
 */
public final class StatModule implements Module {
    @Override
    public String name() {
        return "stat";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of("path");
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("follow");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        String path = args.path("path");
        boolean follow = args.bool("follow", false);
        return new Step() {
            @Override
            public Check check(StepContext ctx) {
                Map<String, Object> stat = read(ctx, path, follow);
                return Check.ok(path + (Boolean.TRUE.equals(stat.get("exists")) ? " exists" : " does not exist"))
                        .withResult(Map.of("stat", stat));
            }

            @Override
            public Done act(StepContext ctx, Check check) {
                return Done.unchanged(check.message()).withResult(check.result());
            }
        };
    }

    static Map<String, Object> read(StepContext ctx, String path, boolean follow) {
        Command probe = follow ? Command.probe("stat", "-L", "-c", "%F|%a|%U|%G|%s", "--", path)
                : Command.probe("stat", "-c", "%F|%a|%U|%G|%s", "--", path);
        CommandResult r = ctx.node().run(probe);
        Map<String, Object> stat = new LinkedHashMap<>();
        stat.put("path", path);
        if (!r.ok()) {
            if (r.stderr().contains("No such file")) {
                stat.put("exists", false);
                return stat;
            }
            r.orThrow(ctx.hostName());
        }
        String[] f = r.stdout().strip().split("\\|", -1);
        if (f.length < 5) {
            throw new dev.duet.error.DuetException(dev.duet.error.Reason.COMMAND_FAILED,
                    ctx.hostName() + ": unexpected stat output for " + path + ": " + r.stdout().strip());
        }
        stat.put("exists", true);
        stat.put("isreg", f[0].startsWith("regular"));
        stat.put("isdir", f[0].equals("directory"));
        stat.put("islnk", f[0].equals("symbolic link"));
        stat.put("mode", String.format("%04o", Integer.parseInt(f[1], 8)));
        stat.put("pw_name", f[2]);
        stat.put("gr_name", f[3]);
        stat.put("size", Long.parseLong(f[4]));
        return stat;
    }
}
