package dev.duet.output;

import dev.duet.error.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything a run prints goes through here on its way to the terminal: human lines, diffs, progress
 * bars and JSON events alike. Text is held until a line ends ({@code \n}, or {@code \r} for a progress
 * bar redrawn in place) or is flushed, then passed through {@link Redaction#redact}, so a secret printed
 * by a host (drbdadm echoes {@code --shared-secret=...} when it fails) never reaches the screen.
 */
public final class RedactingStream extends FilterOutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private RedactingStream(OutputStream out) {
        super(out);
    }

    /** A UTF-8 print stream that redacts before writing to {@code out}. */
    public static PrintStream wrap(OutputStream out) {
        return new PrintStream(new RedactingStream(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        out.write(Redaction.redact(text).getBytes(StandardCharsets.UTF_8));
    }
}
