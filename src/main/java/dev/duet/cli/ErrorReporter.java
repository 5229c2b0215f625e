package dev.duet.cli;

import dev.duet.error.DuetException;
import dev.duet.error.Redaction;
import dev.duet.error.Reason;
import picocli.CommandLine;

/** Turns every failure into one clear line and its documented exit code; a stack trace only with --stacktrace. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static volatile boolean stacktrace;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        var err = cl.getErr();
        if (ex instanceof DuetException de) {
            err.println(Redaction.redact("duet: " + words(de)));
            if (stacktrace) {
                err.print(Redaction.redact(stackTrace(ex)));
            }
            return de.reason().exitCode();
        }
        err.println(Redaction.redact("duet: internal error: " + ex + " (run again with --stacktrace and report it)"));
        if (stacktrace) {
            err.print(Redaction.redact(stackTrace(ex)));
        }
        return 2;
    }

    private static String stackTrace(Exception ex) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    static String words(DuetException e) {
        String hint = switch (e.reason()) {
            case HOST_KEY -> " (check the host's key; for a new host use --accept-new-host-keys; a changed key is never accepted)";
            case AUTH -> " (check ansible_user and ansible_ssh_private_key_file)";
            case UNREACHABLE -> " (is the host up and is ansible_host/ansible_port right?)";
            default -> "";
        };
        return e.getMessage() + (e.reason() == Reason.INPUT ? "" : hint);
    }
}
