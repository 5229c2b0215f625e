package dev.duet.testing;

/**
 * What a {@link FakeSshHost} answers to a command. {@link #hang()} never answers (for timeout tests);
 * {@link #stream(FakeStream)} writes lines as the test emits them until it ends or the client hangs up.
 */
public record FakeReply(int exit, String stdout, String stderr, boolean hangs, FakeStream stream) {
    public FakeReply(int exit, String stdout, String stderr, boolean hangs) {
        this(exit, stdout, stderr, hangs, null);
    }

    public FakeReply {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public static FakeReply ok() {
        return new FakeReply(0, "", "", false);
    }

    public static FakeReply ok(String stdout) {
        return new FakeReply(0, stdout, "", false);
    }

    public static FakeReply exit(int code, String stdout, String stderr) {
        return new FakeReply(code, stdout, stderr, false);
    }

    public static FakeReply fail(int code, String stderr) {
        return new FakeReply(code, "", stderr, false);
    }

    /** Blocks until the client closes the channel, like a command that never ends. */
    public static FakeReply hang() {
        return new FakeReply(-1, "", "", true);
    }

    /** A command that keeps running and writes what the test emits on {@code stream}. */
    public static FakeReply stream(FakeStream stream) {
        return new FakeReply(-1, "", "", false, stream);
    }
}
