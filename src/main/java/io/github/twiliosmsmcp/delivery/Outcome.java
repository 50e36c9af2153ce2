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
    UNKNOWN(null),
    /** The same message was sent before and Twilio has it: not sent again. */
    ALREADY_SENT(true),
    /** The same message was attempted before and may have gone out: not sent again. */
    NOT_SENT_AGAIN(null),
    /** The message store cannot be used, so nothing is sent without the send-once guarantee. */
    STORE_UNAVAILABLE(false),
    /** A rule of the server's owner refused it before anything reached Twilio. */
    REFUSED_BY_POLICY(false),
    /** Dry-run mode: every rule passed and it would have been sent, but nothing reached Twilio. */
    DRY_RUN(false),
    /** A provider other than Twilio (named in the report) refused it; nothing was sent. */
    REFUSED_BY_PROVIDER(false),
    /** No connection to a provider other than Twilio (named in the report) could be made; nothing was sent. */
    PROVIDER_UNREACHABLE(false);

    private static final String TWILIO = "Twilio";
    private final Boolean accepted;

    Outcome(Boolean accepted) {
        this.accepted = accepted;
    }

    /** How a refusal by the provider called {@code title} is named: Twilio's keep their names of old. */
    static Outcome refusedBy(String title) {
        return TWILIO.equals(title) ? REFUSED_BY_TWILIO : REFUSED_BY_PROVIDER;
    }

    /** How a provider called {@code title} that could not be reached is named. */
    static Outcome unreachable(String title) {
        return TWILIO.equals(title) ? TWILIO_UNREACHABLE : PROVIDER_UNREACHABLE;
    }

    public Boolean accepted() {
        return accepted;
    }

    /** Whether the person should hear that the message did not get through. */
    public boolean isFailure() {
        return this != DELIVERED && this != SENT_UNCONFIRMED && this != PENDING && this != ALREADY_SENT
                && this != DRY_RUN;
    }
}
