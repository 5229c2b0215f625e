package dev.duet.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The implicit types of plain scalars exactly as PyYAML 6's {@code Resolver} (Ansible's YAML loader) decides
 * them, where SnakeYAML's YAML 1.1 resolver differs: a float needs a dot or is .inf/.nan ({@code 1e3},
 * {@code 1.0E3} and {@code +.5} are text, {@code 190:20:30.15} a float), {@code =} alone is the
 * value tag (which Ansible cannot construct), and no length limits. The resolvers are tried in PyYAML's order.
 */
public final class PyYamlResolver extends Resolver {
    static final Tag VALUE = new Tag("tag:yaml.org,2002:value");
    private static final Pattern BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern MERGE = Pattern.compile("<<");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
    private static final Pattern VALUE_KEY = Pattern.compile("=");
    private static final PyYamlResolver INSTANCE = new PyYamlResolver();

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", Integer.MAX_VALUE);
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.", Integer.MAX_VALUE);
        addImplicitResolver(Tag.INT, INT, "-+0123456789", Integer.MAX_VALUE);
        addImplicitResolver(Tag.MERGE, MERGE, "<", Integer.MAX_VALUE);
        addImplicitResolver(Tag.NULL, NULL, "~nN\0", Integer.MAX_VALUE); // \0: SnakeYAML's key for the empty text
        addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789", Integer.MAX_VALUE);
        addImplicitResolver(VALUE, VALUE_KEY, "=", Integer.MAX_VALUE);
    }

    /** True when PyYAML reads {@code text}, written plain, as text (so its emitter may write it plain). */
    public static boolean readsAsText(String text) {
        return INSTANCE.resolve(NodeId.scalar, text, true).equals(Tag.STR);
    }
}
