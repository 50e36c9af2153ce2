package io.github.twiliosmsmcp.delivery;

/**
 * How a send ended. {@link #accepted} says whether Twilio took the message (it may still have
 * failed later); it is null when nobody can know.
 */
public enum Outcome {
    DELIVERED(true),
    SENT_UNCONFIRMED(true),
    PENDING(true),
    UNDELIVERED(true),
    FAILED(true),
    CANCELED(true),
    REFUSED_BY_TWILIO(false),
    INVALID_REQUEST(false),
    NOT_CONFIGURED(false),
    TWILIO_UNREACHABLE(false),
    UNKNOWN(null);

    private final Boolean accepted;

    Outcome(Boolean accepted) {
        this.accepted = accepted;
    }

    public Boolean accepted() {
        return accepted;
    }

    /** Whether the person should hear that the message did not get through. */
    public boolean isFailure() {
        return this != DELIVERED && this != SENT_UNCONFIRMED && this != PENDING;
    }
}
