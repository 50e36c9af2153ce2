package io.github.twiliosmsmcp.sms;

/**
 * The provider behind a gateway, as the core needs to know it: the {@code name} recorded with each
 * send, the {@code title} answers call it by, what its error codes mean and what its message ids look
 * like. {@code reportsDelivery} is false for a provider whose API tells nothing after it accepted a
 * message: waiting for a delivery receipt from it would only waste the user's time.
 */
public record Provider(String name, String title, ErrorMeanings errors, MessageIdForm messageIds,
        boolean reportsDelivery) {}
