package io.github.twiliosmsmcp.sms;

/**
 * What a provider's error codes mean to the person who asked for the message, and what they can do.
 * The codes and their meanings are the provider's; the core only shows them.
 */
public interface ErrorMeanings {

    /** A plain-words meaning and the action that fixes it. */
    record Explanation(String meaning, String advice) {}

    /** {@code providerMessage} is the provider's own words, or null; an unknown code still gets them. */
    Explanation explain(int code, String providerMessage);

    /** The provider's documentation of the code. */
    String docsUrl(int code);

    /** How the code is named where it is recorded, such as the source of an opt-out. */
    String label(int code);
}
