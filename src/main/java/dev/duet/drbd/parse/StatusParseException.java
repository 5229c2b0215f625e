package dev.duet.drbd.parse;

import dev.duet.error.InputException;

/** The only exception a status parse throws: input that matches no status format, in one line. */
public class StatusParseException extends InputException {
    public StatusParseException(String message) {
        super(message);
    }
}
