package dev.duet.transport.keep;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * In the keeper, the log lines a request's work writes on its own thread (the commands it sent, a
 * reconnect, an SFTP refusal) are also kept for that request and sent back with its answer; the run logs
 * them again in its own log, under the same logger and level. So a run's log says exactly what reached
 * its hosts, whether the connection was its own or kept.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {
    private static final ThreadLocal<List<ILoggingEvent>> CURRENT = new ThreadLocal<>();

    /** Adds the capture to the root logger and to every logger that does not pass lines up to it. */
    static synchronized void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("keeper-capture") != null) {
            return;
        }
        LogCapture capture = new LogCapture();
        capture.setContext(context);
        capture.setName("keeper-capture");
        capture.start();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
                logger.addAppender(capture);
            }
        }
    }

    /** Runs {@code work} and returns what it logged on this thread, with its result or its error. */
    static <T> Captured<T> during(Supplier<T> work) {
        List<ILoggingEvent> lines = new ArrayList<>();
        CURRENT.set(lines);
        try {
            return new Captured<>(work.get(), null, lines);
        } catch (RuntimeException e) {
            return new Captured<>(null, e, lines);
        } finally {
            CURRENT.remove();
        }
    }

    record Captured<T>(T value, RuntimeException error, List<ILoggingEvent> lines) {
        /** The answer to the run: what {@code fill} puts in for the value, or the error; the log lines either way. */
        ObjectNode reply(java.util.function.BiConsumer<ObjectNode, T> fill) {
            ObjectNode n = KeeperWire.object();
            if (error != null) {
                n.set("error", KeeperWire.error(error));
            } else {
                fill.accept(n, value);
            }
            n.set("logs", json());
            return n;
        }

        private ArrayNode json() {
            ArrayNode a = KeeperWire.JSON.createArrayNode();
            for (ILoggingEvent e : lines) {
                ObjectNode n = a.addObject();
                n.put("logger", e.getLoggerName());
                n.put("level", e.getLevel().toString());
                n.put("message", e.getFormattedMessage());
            }
            return a;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        List<ILoggingEvent> lines = CURRENT.get();
        if (lines != null) {
            lines.add(event);
        }
    }

    /** In the run: the keeper's lines for one request, logged again as they were logged there. */
    static void replay(JsonNode logs) {
        if (logs == null) {
            return;
        }
        for (JsonNode n : logs) {
            org.slf4j.Logger logger = LoggerFactory.getLogger(n.get("logger").asText());
            String message = n.get("message").asText();
            switch (Level.toLevel(n.get("level").asText(), Level.INFO).toInt()) {
                case Level.ERROR_INT -> logger.error("{}", message);
                case Level.WARN_INT -> logger.warn("{}", message);
                case Level.DEBUG_INT -> logger.debug("{}", message);
                case Level.TRACE_INT -> logger.trace("{}", message);
                default -> logger.info("{}", message);
            }
        }
    }
}
