package dev.duet.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Duet's logging, set up in code (Logback finds this class through {@code META-INF/services}): every line
 * goes to {@code ${DUET_LOG_DIR:-~/.duet}/duet.log} (a system property first, then the environment, as
 * Logback resolves a variable), appended, through {@link RedactingLogEncoder}; every remote command (logger
 * {@code duet.commands}) with host, exit code and duration at INFO; SSHJ and MINA only from WARN (SSHJ logs
 * host-key mismatches as ERROR with stack traces, which Duet reports in its own words); Logback's own
 * status messages go nowhere, so an unwritable log directory does not print on the terminal.
 * <p>
 * In code rather than a logback.xml: parsing the XML (a SAX parser found and started, Joran's model built
 * and interpreted) was 70-160 ms of every run's CPU, more than anything else Duet does before its first
 * remote command. A {@code logback-test.xml} on the class path, or {@code -Dlogback.configurationFile},
 * still wins: then this steps aside and Logback reads that file as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        setUp(context, logDir());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The whole set-up of {@code context}, the file in {@code dir}. */
    static void setUp(LoggerContext context, String dir) {
        context.getStatusManager().add(new NopStatusListener());
        RedactingLogEncoder encoder = new RedactingLogEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/duet.log");
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        for (String quiet : new String[] {"net.schmizz", "com.hierynomus", "org.apache.sshd"}) {
            only(context.getLogger(quiet), Level.WARN, file);
        }
        only(context.getLogger("duet.commands"), Level.INFO, file);
    }

    private static void only(Logger logger, Level level, FileAppender<ILoggingEvent> file) {
        logger.setLevel(level);
        logger.setAdditive(false);
        logger.addAppender(file);
    }

    /** {@code ${DUET_LOG_DIR:-${user.home}/.duet}}: the system property, the environment, then the default. */
    static String logDir() {
        String dir = System.getProperty("DUET_LOG_DIR");
        if (dir == null) {
            dir = System.getenv("DUET_LOG_DIR");
        }
        return dir != null ? dir : System.getProperty("user.home") + "/.duet";
    }
}
