package dev.duet.playbook;

import dev.duet.step.Module;
import dev.duet.yaml.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a task's Ansible keywords into {@link TaskKeywords}, checking what can be checked at load time:
 * expressions parse, {@code register} is a variable name, {@code check_mode: false} only on a read-only
 * task, {@code become_user} is a user name.
 */
final class KeywordReader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private KeywordReader() {
    }

    static TaskKeywords read(Map<String, LocatedNode.Entry> e, Module module, boolean handler) {
        refuse(e, handler);
        String register = e.containsKey("register") ? identifier(e.get("register").value(), "register") : null;
        Object loop = null;
        if (e.containsKey("loop") && e.containsKey("with_items")) {
            throw e.get("with_items").key().error("expected either loop or with_items, not both");
        }
        LocatedNode loopNode = e.containsKey("loop") ? e.get("loop").value()
                : e.containsKey("with_items") ? e.get("with_items").value() : null;
        if (loopNode != null) {
            if (!loopNode.isSequence() && !(loopNode.isScalar() && loopNode.value() instanceof String)) {
                throw loopNode.error("expected loop to be a list or a template that gives one, got " + loopNode.describe());
            }
            loop = loopNode.toPlain();
            Templater.checkSyntax(loop, loopNode.location());
        }
        String loopVar = "item";
        String label = null;
        if (e.containsKey("loop_control")) {
            if (loopNode == null) {
                throw e.get("loop_control").key().error("loop_control needs a loop (loop: or with_items:)");
            }
            LocatedNode lc = e.get("loop_control").value();
            if (!lc.isMapping()) {
                throw lc.error("expected loop_control to be a mapping (label, loop_var), got " + lc.describe());
            }
            for (LocatedNode.Entry c : lc.entries().values()) {
                switch (c.name()) {
                    case "label" -> label = Nodes.string(c.value(), "loop_control.label");
                    case "loop_var" -> loopVar = identifier(c.value(), "loop_control.loop_var");
                    default -> throw c.key().error("unknown loop_control key '" + c.name() + "' (known: label, loop_var)");
                }
            }
            if (label != null) {
                Templater.checkSyntax(label, lc.location());
            }
        }
        String changedWhen = e.containsKey("changed_when") ? TaskReader.condition(e.get("changed_when").value()) : null;
        String failedWhen = e.containsKey("failed_when") ? TaskReader.condition(e.get("failed_when").value()) : null;
        boolean ignore = e.containsKey("ignore_errors") && Nodes.bool(e.get("ignore_errors").value(), "ignore_errors");
        boolean noLog = e.containsKey("no_log") && Nodes.bool(e.get("no_log").value(), "no_log");
        Boolean become = e.containsKey("become") ? Nodes.bool(e.get("become").value(), "become") : null;
        Boolean checkMode = e.containsKey("check_mode") ? Nodes.bool(e.get("check_mode").value(), "check_mode") : null;
        if (Boolean.FALSE.equals(checkMode) && module != null && !module.readOnly()
                && !("false".equals(changedWhen) && module.probeable())) {
            throw e.get("check_mode").key().error("check_mode: false would run '" + module.name()
                    + "' for real during plan; Duet allows it only on a read-only task: command or shell with"
                    + " changed_when: false, or a module that only reads (stat, debug, wait_for)");
        }
        List<String> notify = e.containsKey("notify") ? Nodes.strings(e.get("notify").value(), "notify") : List.of();
        List<String> listen = e.containsKey("listen") ? Nodes.strings(e.get("listen").value(), "listen") : List.of();
        String becomeUser = e.containsKey("become_user") ? BecomeUser.read(e.get("become_user").value()) : null;
        String delegateTo = e.containsKey("delegate_to") ? delegateTo(e, module) : null;
        return new TaskKeywords(register, loop, loopVar, label, changedWhen, failedWhen, ignore, noLog, checkMode,
                become, becomeUser, delegateTo, notify, listen, new ArrayList<>());
    }

    /**
     * {@code delegate_to: HOST}: a host of the inventory (or a template giving one, resolved per host when the
     * run is planned). A module that acts on both nodes of a pair cannot be moved to another host.
     */
    private static String delegateTo(Map<String, LocatedNode.Entry> e, Module module) {
        LocatedNode.Entry entry = e.get("delegate_to");
        String host = Nodes.string(entry.value(), "delegate_to");
        if (host.isBlank()) {
            throw entry.value().error("expected delegate_to to name a host of the inventory, got an empty string");
        }
        if (e.containsKey("run_on")) {
            throw entry.key().error("expected either run_on or delegate_to, not both (run_on picks which play host"
                    + " runs the task; delegate_to moves each host's task to another host)");
        }
        if (module != null && module.pairCoordinated()) {
            throw entry.key().error("'" + module.name() + "' cannot be delegated: it acts on both nodes of a pair"
                    + " (its peer, the pair's names and addresses), so it runs on the pair's own hosts; use run_on"
                    + " or run_once to pick one of them");
        }
        Templater.checkSyntax(host, entry.value().location());
        return host;
    }

    private static void refuse(Map<String, LocatedNode.Entry> e, boolean handler) {
        if (e.containsKey("delegate_facts")) {
            throw e.get("delegate_facts").key().error("delegate_facts is not supported: a delegated task's facts"
                    + " and results stay with the host it runs for");
        }
        if (e.containsKey("listen") && !handler) {
            throw e.get("listen").key().error("listen is a handler keyword; put this task under handlers:");
        }
    }

    private static String identifier(LocatedNode node, String what) {
        String s = Nodes.string(node, what);
        if (!IDENTIFIER.matcher(s).matches()) {
            throw node.error("expected " + what + " to be a variable name (letters, digits, _), got '" + s + "'");
        }
        return s;
    }
}
