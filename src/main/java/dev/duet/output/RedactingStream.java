package dev.duet.output;

import dev.duet.error.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
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

    /** A writer that redacts each line before passing it to {@code out} (picocli's writers, in tests too). */
    public static PrintWriter wrap(PrintWriter out) {
        OutputStream toWriter = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // emit() hands over whole lines, so no UTF-8 sequence is split here
                out.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
        return new PrintWriter(new OutputStreamWriter(new RedactingStream(toWriter), StandardCharsets.UTF_8), true);
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
