package dev.duet.testing;

import dev.duet.step.LikelyReads;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import dev.duet.transport.Command;
import dev.duet.transport.FileProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares what a step's check half reads on a scripted node with what its {@link Step#likelyReads}
 * names: on a pair where nothing needs to change the two should be the same, or the run reads ahead for
 * nothing (named, never asked) or needs one more round (asked, not named).
 */
public final class NamedReads {
    /** What one check read, and what the step had named before it. */
    public record Comparison(List<String> asked, List<String> named) {
        /** Reads the check asked that the step did not name. */
        public List<String> unnamed() {
            return asked.stream().filter(a -> !named.contains(a)).toList();
        }

        /** Reads the step named that the check never asked. */
        public List<String> unasked() {
            return named.stream().filter(n -> !asked.contains(n)).toList();
        }
    }

    private NamedReads() {
    }

    /**
     * Runs {@code step}'s check on {@code ctx} and returns its reads of {@code node} next to the named ones:
     * commands by line, files as {@code file PATH}. A file probe's {@code stat -c} goes with its file, and
     * {@code uname -n} is left out: the gathered facts answer it.
     */
    public static Comparison of(Step step, StepContext ctx, ScriptedNode node) {
        LikelyReads likely = step.likelyReads(ctx);
        List<String> named = new ArrayList<>();
        likely.probes().forEach(c -> named.add(c.line()));
        likely.files().forEach(f -> named.add("file " + f));
        int commands = node.commands().size();
        int reads = node.reads().size();
        step.check(ctx);
        Set<String> statLines = node.reads().subList(reads, node.reads().size()).stream()
                .map(p -> FileProbe.statCommand(p).line()).collect(Collectors.toSet());
        List<String> asked = new ArrayList<>();
        for (Command c : node.commands().subList(commands, node.commands().size())) {
            if (!statLines.contains(c.line()) && !c.line().equals("uname -n") && !asked.contains(c.line())) {
                asked.add(c.line());
            }
        }
        for (String p : node.reads().subList(reads, node.reads().size())) {
            if (!asked.contains("file " + p)) {
                asked.add("file " + p);
            }
        }
        return new Comparison(asked, named);
    }
}
