package dev.duet.drbd.parse;

/** The DRBD status interfaces Duet reads; {@link #id()} is the word used in JSON output and fixtures. */
public enum Format {
    PROC_DRBD("proc_drbd", "/proc/drbd"),
    DRBD_OVERVIEW("drbd_overview", "drbd-overview"),
    DRBDADM_STATUS("drbdadm_status", "drbdadm status / drbdsetup status"),
    STATUS_JSON("status_json", "drbdsetup status --json"),
    EVENTS2("events2", "drbdsetup events2");

    private final String id;
    private final String description;

    Format(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** How a user would recognise the output (for error messages). */
    public String description() {
        return description;
    }

    /** The format with this id, e.g. "proc_drbd". */
    public static Format byId(String id) {
        for (Format f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new StatusParseException("unknown status format `" + id + "`: expected one of "
                + "proc_drbd, drbd_overview, drbdadm_status, status_json, events2");
    }
}
