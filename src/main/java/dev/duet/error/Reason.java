package dev.duet.error;

/** Why something failed; each reason maps to one exit code and one way of wording it. */
public enum Reason {
    /** Bad inventory, playbook, arguments or status file: nothing was contacted or changed. */
    INPUT(4),
    /** A host could not be reached or authenticated against. */
    UNREACHABLE(3),
    /** The host presented a key that is not the one on record. */
    HOST_KEY(3),
    /** Authentication failed. */
    AUTH(3),
    /** A remote command exited non-zero. */
    COMMAND_FAILED(2),
    /** A wait on parsed state or a command ran out of time. */
    TIMEOUT(2),
    /** The node is not in a state that allows the step (e.g. promote while disconnected). */
    PRECONDITION(2),
    /** A destructive operation was refused because the user did not ask for it by name. */
    REFUSED(2),
    /** DRBD split brain detected. */
    SPLIT_BRAIN(2),
    /** The run was interrupted (Ctrl-C): this command or step was not started. */
    INTERRUPTED(130),
    /** A mutating command was attempted in check mode. A bug in a step, never a user error. */
    CHECK_MODE_VIOLATION(2);

    private final int exitCode;

    Reason(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
