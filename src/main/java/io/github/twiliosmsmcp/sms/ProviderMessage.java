package io.github.twiliosmsmcp.sms;

/** A provider's own words about an error, made fit for an answer whatever its answer held. */
public final class ProviderMessage {
    private static final int MAX_LENGTH = 300;

    private ProviderMessage() {}

    /** {@code message} on one line and of a readable length. */
    public static String oneLine(String message) {
        String line = message.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "...";
    }
}
