package dev.duet.step;

import dev.duet.transport.Node;
import java.util.Map;

/**
 * What a step gets to work with on one host: that host's node and variables, and the nodes of every
 * host in the play (pair-wide steps look at the peer, e.g. to wait for both sides to be Connected).
 */
public interface StepContext {
    /** This host's inventory name. */
    String hostName();

    Node node();

    /** Every host of the play, by inventory name, in inventory order; includes this one. */
    Map<String, Node> playNodes();

    /** Templated play, inventory and fact variables for this host. */
    Map<String, Object> vars();

    boolean checkMode();

    /** Reports progress of a long act (a sync); renderers turn it into a progress bar or JSON. */
    void progress(Progress progress);

    /** A warning shown to the user (e.g. a dangerous split-brain policy). */
    void warn(String message);

    /**
     * Renders a Jinja2 template file's text with this host's variables ({@code template} module);
     * {@code source} names the file in errors. Contexts without templating refuse.
     */
    default String renderTemplate(String text, String source) {
        throw new dev.duet.error.InputException(source + ": templates cannot be rendered here");
    }
}
