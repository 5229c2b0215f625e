package dev.duet.playbook;

import dev.duet.playbook.JinjaTemplate.Branch;
import dev.duet.playbook.JinjaTemplate.For;
import dev.duet.playbook.JinjaTemplate.If;
import dev.duet.playbook.JinjaTemplate.Node;
import dev.duet.playbook.JinjaTemplate.Output;
import dev.duet.playbook.JinjaTemplate.SetVar;
import dev.duet.playbook.JinjaTemplate.Text;
import dev.duet.playbook.expr.Evaluator;
import dev.duet.playbook.expr.Expr;
import dev.duet.playbook.expr.ExprError;
import dev.duet.playbook.expr.FreeNames;
import dev.duet.playbook.expr.Values;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders parsed {@link JinjaTemplate} nodes; loop and set variables live in a scope over the host's variables. */
final class JinjaRenderer {
    private static final int MAX_OUTPUT = 16 * 1024 * 1024;

    private final StringBuilder out;

    JinjaRenderer(StringBuilder out) {
        this.out = out;
    }

    void render(List<Node> nodes, Map<String, Object> vars) {
        Map<String, Object> scope = new Scope(vars);
        for (Node n : nodes) {
            if (out.length() > MAX_OUTPUT) {
                throw new ExprError("template output larger than " + MAX_OUTPUT / (1024 * 1024) + " MiB");
            }
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Output o) {
                out.append(Values.text(eval(o.expr(), scope, o.line())));
            } else if (n instanceof SetVar s) {
                scope.put(s.name(), eval(s.value(), scope, s.line()));
            } else if (n instanceof If i) {
                renderIf(i, scope);
            } else {
                renderFor((For) n, scope);
            }
        }
    }

    private void renderIf(If i, Map<String, Object> scope) {
        for (Branch b : i.branches()) {
            if (Values.truthy(eval(b.condition(), scope, i.line()))) {
                render(b.body(), scope);
                return;
            }
        }
        render(i.otherwise(), scope);
    }

    private void renderFor(For f, Map<String, Object> scope) {
        Object items = eval(f.items(), scope, f.line());
        List<Object> list = new ArrayList<>();
        if (items instanceof Map<?, ?> m) {
            m.forEach((k, v) -> list.add(f.pairs() ? List.of(k, v) : k));
        } else if (items instanceof Collection<?> c) {
            list.addAll(c);
        } else if (items instanceof String s) {
            s.chars().forEach(ch -> list.add(String.valueOf((char) ch)));
        } else {
            throw new ExprError("line " + f.line() + ": cannot loop over " + Values.text(items));
        }
        if (list.isEmpty()) {
            render(f.otherwise(), scope);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> inner = new Scope(scope);
            Object item = list.get(i);
            if (f.names().size() == 2) {
                if (!(item instanceof List<?> pair) || pair.size() != 2) {
                    throw new ExprError("line " + f.line() + ": cannot unpack " + Values.text(item) + " into two names");
                }
                inner.put(f.names().get(0), pair.get(0));
                inner.put(f.names().get(1), pair.get(1));
            } else {
                inner.put(f.names().get(0), item);
            }
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("index", i + 1);
            loop.put("index0", i);
            loop.put("first", i == 0);
            loop.put("last", i == list.size() - 1);
            loop.put("length", list.size());
            inner.put("loop", loop);
            render(f.body(), inner);
        }
    }

    private static Object eval(Expr e, Map<String, Object> scope, int line) {
        try {
            return new Evaluator(scope).value(e);
        } catch (ExprError x) {
            throw x.getMessage().startsWith("line ") ? x : relabel(x, line);
        }
    }

    private static ExprError relabel(ExprError x, int line) {
        return new ExprError("line " + line + ": " + x.getMessage());
    }

    static void freeNames(List<Node> nodes, Set<String> bound, Set<String> out) {
        Set<String> local = new HashSet<>(bound);
        for (Node n : nodes) {
            Set<String> used = new LinkedHashSet<>();
            if (n instanceof Output o) {
                FreeNames.collect(o.expr(), used);
            } else if (n instanceof SetVar s) {
                FreeNames.collect(s.value(), used);
                local.add(s.name());
            } else if (n instanceof If i) {
                for (Branch b : i.branches()) {
                    FreeNames.collect(b.condition(), used);
                    freeNames(b.body(), local, out);
                }
                freeNames(i.otherwise(), local, out);
            } else if (n instanceof For f) {
                FreeNames.collect(f.items(), used);
                Set<String> inner = new HashSet<>(local);
                inner.addAll(f.names());
                inner.add("loop");
                freeNames(f.body(), inner, out);
                freeNames(f.otherwise(), local, out);
            }
            used.removeAll(local);
            out.addAll(used);
        }
    }

    /** Local names over the enclosing variables; writes stay local. */
    private static final class Scope extends AbstractMap<String, Object> {
        private final Map<String, Object> parent;
        private final Map<String, Object> own = new LinkedHashMap<>();

        Scope(Map<String, Object> parent) {
            this.parent = parent;
        }

        @Override
        public boolean containsKey(Object key) {
            return own.containsKey(key) || parent.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return own.containsKey(key) ? own.get(key) : parent.get(key);
        }

        @Override
        public Object put(String key, Object value) {
            return own.put(key, value);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            parent.keySet().forEach(k -> all.put(k, parent.get(k)));
            all.putAll(own);
            return all.entrySet();
        }
    }
}
