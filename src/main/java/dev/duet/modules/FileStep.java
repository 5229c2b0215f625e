package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.DeclaredModule;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code file}: {@code path} (or {@code dest}, {@code name}) made a file, directory, link, touched
 * or removed ({@code state}: file, directory, link, touch, absent), with {@code mode}, {@code owner} and
 * {@code group}. The check reads what is there and decides the commands; the act reads again and runs
 * what the same rule decides then. What would be replaced (a file where a directory is wanted) is refused,
 * never overwritten; a removal never crosses into another mounted filesystem.
 */
public final class FileStep implements Step {
    /** Ansible's {@code modification_time}/{@code access_time: preserve}: touch creates but leaves times alone. */
    private static final String PRESERVE = "preserve";

    private final String path;
    private final String state;
    private final String src;
    private final String mode;
    private final String owner;
    private final boolean keepTimes;

    FileStep(String path, String state, String src, String mode, String owner, boolean keepTimes) {
        this.path = path;
        this.state = state;
        this.src = src;
        this.mode = mode;
        this.owner = owner;
        this.keepTimes = keepTimes;
    }

    public static Module module() {
        return DeclaredModule.named("file")
                .optional("path", "dest", "name", "state", "src", "mode", "owner", "group", "modification_time", "access_time")
                .binds(FileStep::bind);
    }

    private static Step bind(Args args) {
        List<String> given = List.of("path", "dest", "name").stream().filter(args::has).toList();
        if (given.size() != 1) {
            throw args.error(given.isEmpty() ? "path" : given.get(1), "exactly one of path, dest and name is required");
        }
        String path = args.path(given.get(0)).replaceAll("(?<=.)/+$", "");
        // without state, Ansible keeps what is there (a directory stays one) and otherwise means a file
        String state = args.has("state") ? args.oneOf("state", "file", "file", "directory", "link", "touch", "absent") : null;
        if ("absent".equals(state) && path.chars().filter(c -> c == '/').count() < 2) {
            throw args.error(given.get(0), "refuses to remove '" + path + "', a top-level directory");
        }
        String src = args.optString("src").map(String::strip).orElse(null);
        if ("link".equals(state) != (src != null)) {
            throw args.error("src", "link".equals(state) ? "is required with state: link" : "is only for state: link");
        }
        if (src != null && !src.matches("[A-Za-z0-9_.+@:/-]+")) {
            throw args.error("src", "must be a path without spaces or shell metacharacters, got '" + src + "'");
        }
        String mode = FileArgs.mode(args).orElse(null);
        String owner = FileArgs.owner(args).orElse(null);
        if (("link".equals(state) || "absent".equals(state)) && (mode != null || owner != null)) {
            throw args.error(mode != null ? "mode" : "owner", "is not supported with state: " + state);
        }
        boolean keep = false;
        for (String key : List.of("modification_time", "access_time")) {
            if (args.has(key)) {
                if (!"touch".equals(state) || !args.string(key).equals(PRESERVE)) {
                    throw args.error(key, "only '" + PRESERVE + "' with state: touch is supported");
                }
                keep = true;
            }
        }
        if (keep && !(args.has("modification_time") && args.has("access_time"))) {
            throw args.error("modification_time", "give both modification_time and access_time: preserve");
        }
        return new FileStep(path, state, src, mode, owner, keep);
    }

    @Override
    public Check check(StepContext ctx) {
        FileState now = FileState.read(ctx.node(), path);
        List<Action> todo = decide(ctx.node().name(), now);
        Map<String, Object> result = Map.of("path", path, "state", wanted(now));
        if (todo.isEmpty()) {
            return Check.ok(path + " is " + now.describe() + " as wanted").withResult(result);
        }
        return Check.change("would " + words(todo)).withResult(result);
    }

    @Override
    public Done act(StepContext ctx, Check check) {
        Node node = ctx.node();
        FileState now = FileState.read(node, path);
        List<Action> todo = decide(node.name(), now);
        Map<String, Object> result = Map.of("path", path, "state", wanted(now));
        if (todo.isEmpty()) {
            return Done.unchanged(path + " was already as wanted").withResult(result);
        }
        for (Action a : todo) {
            node.run(a.command()).orThrow(node.name());
        }
        return Done.changed(words(todo)).withResult(result);
    }

    /** The commands that make {@code now} what the task asks for, in order; empty when it already is. */
    List<Action> decide(String host, FileState now) {
        List<Action> todo = new ArrayList<>();
        switch (wanted(now)) {
            case "absent" -> {
                if (now.kind() != FileState.Kind.ABSENT) {
                    todo.add(new Action("remove " + path + " (" + now.describe() + ")",
                            Command.change("rm", "-rf", "--one-file-system", "--", path)));
                }
                return todo;
            }
            case "link" -> {
                if (now.kind() == FileState.Kind.LINK && src.equals(now.target())) {
                    return todo;
                }
                if (now.kind() != FileState.Kind.ABSENT && now.kind() != FileState.Kind.LINK) {
                    throw refused(host, now, "a link to " + src);
                }
                todo.add(new Action("link " + path + " to " + src, Command.change("ln", "-sfn", "--", src, path)));
                return todo;
            }
            case "directory" -> {
                if (now.kind() == FileState.Kind.ABSENT) {
                    todo.add(new Action("create directory " + path, Command.change("mkdir", "-p", "--", path)));
                } else if (now.kind() != FileState.Kind.DIRECTORY) {
                    throw refused(host, now, "a directory");
                }
            }
            case "touch" -> {
                if (now.kind() == FileState.Kind.DIRECTORY || now.kind() == FileState.Kind.OTHER) {
                    throw refused(host, now, "a file");
                }
                if (now.kind() == FileState.Kind.ABSENT || !keepTimes) {
                    todo.add(new Action(now.kind() == FileState.Kind.ABSENT ? "create " + path : "touch " + path,
                            Command.change("touch", "--", path)));
                }
            }
            default -> {
                if (now.kind() == FileState.Kind.ABSENT) {
                    throw new DuetException(Reason.PRECONDITION, host + ": file (" + path + ") is absent, cannot"
                            + " continue (state: file only changes an existing file; state: touch creates one)");
                }
                if (now.kind() != FileState.Kind.FILE) {
                    throw refused(host, now, "a file");
                }
            }
        }
        boolean fresh = now.kind() == FileState.Kind.ABSENT;
        if (mode != null && (fresh || !mode.equals(now.mode()))) {
            todo.add(new Action("set mode " + mode + (fresh ? "" : " (was " + now.mode() + ")"),
                    Command.change("chmod", mode, "--", path)));
        }
        if (owner != null && (fresh || !ownerMatches(now.owner()))) {
            todo.add(new Action("set owner " + owner + (fresh ? "" : " (was " + now.owner() + ")"),
                    Command.change("chown", owner, "--", path)));
        }
        return todo;
    }

    private String wanted(FileState now) {
        if (state != null) {
            return state;
        }
        return now.kind() == FileState.Kind.DIRECTORY ? "directory" : "file";
    }

    /** "root" asks only for the user; "root:adm" for both. */
    private boolean ownerMatches(String current) {
        return owner.contains(":") ? owner.equals(current) : current.startsWith(owner + ":");
    }

    private DuetException refused(String host, FileState now, String wanted) {
        return new DuetException(Reason.REFUSED, host + ": " + path + " is " + now.describe() + "; Duet does not"
                + " replace it with " + wanted + " (remove it first with state: absent if that is meant)");
    }

    private static String words(List<Action> todo) {
        return String.join(", ", todo.stream().map(Action::what).toList());
    }

    /** One command of the decision, with what it does in words. */
    record Action(String what, Command command) {
    }
}
