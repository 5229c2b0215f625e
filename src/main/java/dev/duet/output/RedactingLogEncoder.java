package dev.duet.output;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.duet.error.Redaction;
import java.nio.charset.StandardCharsets;

/**
 * The log file's encoder (set up by {@link LogSetup}): each formatted log line, stack trace included, passes through
 * {@link Redaction#redact} like everything printed, so an error carrying a host's output cannot put a
 * secret in ~/.duet/duet.log.
 */
public final class RedactingLogEncoder extends PatternLayoutEncoder {
    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] formatted = super.encode(event);
        return Redaction.redact(new String(formatted, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
