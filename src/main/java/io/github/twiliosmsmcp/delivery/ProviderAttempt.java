package io.github.twiliosmsmcp.delivery;

/**
 * One provider's try at a send that then moved on to the fallback: {@code provider} certainly did not
 * accept it (so it has no message id), and {@code reason} says why, in words fit for an answer.
 */
public record ProviderAttempt(String provider, String reason) {}
