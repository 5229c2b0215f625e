package dev.duet.engine;

/** Ansible's result vocabulary. In check mode CHANGED means "would change". */
public enum Status {
    OK, CHANGED, FAILED, SKIPPED, UNREACHABLE;

    public String word() {
        return switch (this) {
            case OK -> "ok";
            case CHANGED -> "changed";
            case FAILED -> "failed";
            case SKIPPED -> "skipping";
            case UNREACHABLE -> "unreachable";
        };
    }
}
