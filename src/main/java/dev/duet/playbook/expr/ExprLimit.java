package dev.duet.playbook.expr;

/**
 * An expression or rendered value over one of the bounds that keep templating from exhausting the stack or
 * the heap. Unlike an undefined name it does not depend on facts, so it is refused at load time.
 */
public final class ExprLimit extends ExprError {
    public ExprLimit(String message) {
        super(message);
    }
}
