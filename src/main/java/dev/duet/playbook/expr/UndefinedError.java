package dev.duet.playbook.expr;

/** A variable (or a key of one) that no layer of variables defines. */
public final class UndefinedError extends ExprError {
    private final String variable;

    public UndefinedError(String variable) {
        super("undefined variable '" + variable + "'");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
