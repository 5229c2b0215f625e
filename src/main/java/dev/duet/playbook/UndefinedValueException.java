package dev.duet.playbook;

import dev.duet.error.InputException;
import java.nio.file.Path;

/**
 * A template or condition read a variable (or key) that is not defined when the task ran, e.g. a
 * registered result's {@code rc} in check mode, where the command did not run. Located like any input error.
 */
public final class UndefinedValueException extends InputException {
    public UndefinedValueException(Path file, int line, int column, String message) {
        super(file, line, column, message);
    }

    public UndefinedValueException(String message) {
        super(message);
    }
}
