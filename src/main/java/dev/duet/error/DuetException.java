package dev.duet.error;

/** Every failure Duet reports carries a reason; the CLI turns it into words and an exit code once. */
public class DuetException extends RuntimeException {
    private final Reason reason;

    public DuetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DuetException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
