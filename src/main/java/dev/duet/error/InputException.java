package dev.duet.error;

import java.nio.file.Path;

/** Bad input: names the file, line and column and what was expected. */
public class InputException extends DuetException {
    public InputException(String message) {
        super(Reason.INPUT, message);
    }

    public InputException(Path file, int line, int column, String message) {
        super(Reason.INPUT, at(file, line, column) + message);
    }

    private static String at(Path file, int line, int column) {
        if (file == null) {
            return "";
        }
        if (line <= 0) {
            return file + ": ";
        }
        return column > 0 ? file + ":" + line + ":" + column + ": " : file + ":" + line + ": ";
    }
}
