package dev.duet.modules;

import dev.duet.error.DuetException;
import dev.duet.error.Reason;
import dev.duet.step.Args;
import dev.duet.step.Check;
import dev.duet.step.Done;
import dev.duet.step.Module;
import dev.duet.step.Step;
import dev.duet.step.StepContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Ansible's {@code wait_for} on this host: {@code port} (listening on {@code host}, a local address,
 * default 127.0.0.1) or {@code path} (with {@code search_regex}), {@code state} started/present or
 * stopped/absent, {@code timeout} (s, default 300), {@code delay} and {@code sleep} (s between reads),
 * {@code msg}. It polls parsed state, never sleeps blind; a wait on neither port nor path (a plain pause)
 * is refused. Read-only: already true, it is ok at once; in check mode it says what it would wait for.
 */
public final class WaitForModule implements Module {
    private final Duration defaultPoll;

    public WaitForModule() {
        this(Duration.ofSeconds(1));
    }

    /** With a shorter default poll interval (tests). */
    public WaitForModule(Duration defaultPoll) {
        this.defaultPoll = defaultPoll;
    }

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public Set<String> requiredArgs() {
        return Set.of();
    }

    @Override
    public Set<String> optionalArgs() {
        return Set.of("port", "host", "path", "state", "timeout", "delay", "sleep", "search_regex", "msg");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Step bind(Args args) {
        if (args.has("port") == args.has("path")) {
            throw args.error(args.has("port") ? "path" : "port", "exactly one of port and path is required"
                    + " (a wait on neither is a plain pause, which Duet does not do: wait on the state that matters)");
        }
        String state = args.oneOf("state", "started", "started", "present", "stopped", "absent");
        boolean present = state.equals("started") || state.equals("present");
        Integer port = null;
        String host = args.string("host", "127.0.0.1").strip();
        if (args.has("port")) {
            port = args.integer("port", 0);
            if (port < 1 || port > 65535) {
                throw args.error("port", "must be a TCP port (1-65535), got " + port);
            }
            if (!WaitCondition.LOCAL.contains(host)) {
                throw args.error("host", "must be a local address (" + String.join(", ", WaitCondition.LOCAL.stream().sorted().toList())
                        + "), got '" + host + "': to wait for another host's port, run the task there (run_on)");
            }
        } else if (args.has("host")) {
            throw args.error("host", "is only for port");
        }
        Pattern regex = null;
        if (args.has("search_regex")) {
            if (!args.has("path") || !present) {
                throw args.error("search_regex", "is only for a path waited to be present");
            }
            try {
                regex = Pattern.compile(args.string("search_regex"), Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw args.error("search_regex", "is not a regular expression: " + e.getDescription());
            }
        }
        WaitCondition cond = new WaitCondition(port, host, args.has("path") ? args.path("path") : null, regex, present);
        Duration timeout = seconds(args, "timeout", 300);
        Duration delay = seconds(args, "delay", 0);
        Duration poll = args.has("sleep") ? seconds(args, "sleep", 1) : defaultPoll;
        return new WaitForStep(cond, timeout, delay, poll.isZero() ? defaultPoll : poll, args.optString("msg").orElse(null));
    }

    private static Duration seconds(Args args, String key, int fallback) {
        int s = args.integer(key, fallback);
        if (s < 0) {
            throw args.error(key, "must be a number of seconds, 0 or more, got " + s);
        }
        return Duration.ofSeconds(s);
    }

    /** Reads the condition in the check; waits on it (Awaitility, polling the parsed state) in the act. */
    record WaitForStep(WaitCondition cond, Duration timeout, Duration delay, Duration poll, String msg) implements Step {
        @Override
        public Check check(StepContext ctx) {
            WaitCondition.Seen seen = cond.read(ctx.node());
            if (seen.holds()) {
                return Check.ok(seen.what()).withResult(result(Duration.ZERO));
            }
            if (ctx.checkMode()) {
                return Check.skip("would wait up to " + timeout.toSeconds() + " s for " + cond.describe()
                        + " (now: " + seen.what() + ")");
            }
            return Check.change("waits up to " + timeout.toSeconds() + " s for " + cond.describe());
        }

        @Override
        public Done act(StepContext ctx, Check check) {
            AtomicReference<WaitCondition.Seen> last = new AtomicReference<>();
            long t0 = System.nanoTime();
            try {
                Awaitility.await(cond.describe()).atMost(timeout.plus(delay).plusMillis(1)).pollDelay(delay).pollInterval(poll)
                        .pollInSameThread().until(() -> {
                            last.set(cond.read(ctx.node()));
                            return last.get().holds();
                        });
            } catch (ConditionTimeoutException e) {
                WaitCondition.Seen seen = last.get();
                throw new DuetException(Reason.TIMEOUT, ctx.hostName() + ": " + (msg != null ? msg
                        : "timeout when waiting " + timeout.toSeconds() + " s for " + cond.describe())
                        + (seen == null ? "" : " (last seen: " + seen.what() + ")"));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return Done.unchanged(last.get().what() + " after " + elapsed.toSeconds() + " s").withResult(result(elapsed));
        }

        private Map<String, Object> result(Duration elapsed) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("elapsed", elapsed.toSeconds());
            r.put("state", cond.present() ? "started" : "stopped");
            if (cond.port() != null) {
                r.put("port", cond.port());
            } else {
                r.put("path", cond.path());
            }
            return r;
        }
    }
}
