package io.github.twiliosmsmcp.sms;

/**
 * The provider behind a gateway, as the core needs to know it: the {@code name} recorded with each
 * send, what its error codes mean and what its message ids look like.
 */
public record Provider(String name, ErrorMeanings errors, MessageIdForm messageIds) {}
