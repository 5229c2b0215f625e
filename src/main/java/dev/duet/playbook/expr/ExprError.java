package dev.duet.playbook.expr;

import dev.duet.error.InputException;

/** An expression that cannot be parsed or evaluated; callers add the file location. */
public class ExprError extends InputException {
    public ExprError(String message) {
        super(message);
    }
}
