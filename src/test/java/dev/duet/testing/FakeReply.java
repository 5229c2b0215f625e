package dev.duet.testing;

/**
 * What a {@link FakeSshHost} answers to a command. {@link #hang()} never ends by itself (for timeout
 * tests); {@link #stream(FakeStream)} writes lines as the test emits them until it ends or the client
 * hangs up.
 */
public record FakeReply(int exit, String stdout, String stderr, boolean hangs, FakeStream stream, boolean unkillable) {
    public FakeReply(int exit, String stdout, String stderr, boolean hangs) {
        this(exit, stdout, stderr, hangs, null, false);
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

    /**
     * A command that never ends by itself: it runs until the client closes the channel or, when the line
     * came under SshNode's remote {@code timeout}, until that timeout ends it as GNU timeout would (exit
     * 124, recorded in {@link FakeSshHost#terminated()}).
     */
    public static FakeReply hang() {
        return new FakeReply(-1, "", "", true);
    }

    /** A command that not even SIGKILL ends (stuck in the kernel): it ignores the remote timeout too. */
    public static FakeReply hangUnkillable() {
        return new FakeReply(-1, "", "", true, null, true);
    }

    /** A command that keeps running and writes what the test emits on {@code stream}. */
    public static FakeReply stream(FakeStream stream) {
        return new FakeReply(-1, "", "", false, stream, false);
    }
}
