package io.github.twiliosmsmcp.common;

/**
 * The message store cannot be used (corrupt, unwritable, locked for too long). Sending stops
 * rather than go on without the send-once guarantee; the message names the file so a person can
 * fix it.
 */
public final class StoreUnavailable extends Exception {
    private final String location;

    public StoreUnavailable(String location, String reason, Throwable cause) {
        super(reason, cause);
        this.location = location;
    }

    /** What a person reads: which store, and why it cannot be used. */
    public String describe() {
        return "the message store " + location + " cannot be used: " + getMessage();
    }

    /** The database file (or JDBC URL) in question. */
    public String location() {
        return location;
    }
}
