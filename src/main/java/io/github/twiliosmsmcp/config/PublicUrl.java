package io.github.twiliosmsmcp.config;

import java.net.URI;

/**
 * {@code SMS_PUBLIC_URL}: the base URL at which Twilio reaches the service, usually a tunnel or a
 * reverse proxy in front of it. The webhook URLs a number carries are built on it, and Twilio signs
 * every webhook over the URL it called, so it must be exactly the address Twilio uses.
 */
public final class PublicUrl {
    public static final String NAME = "SMS_PUBLIC_URL";

    /**
     * The rule is {@code TWILIO_API_BASE_URL}'s: absolute, no query or fragment, https unless it
     * points at this machine (a test's loopback server), one trailing slash dropped.
     */
    public static final Setting<URI> SETTING = Setting.described(NAME, "none",
            "the https base URL Twilio calls the service at (a tunnel or reverse proxy)", Parsers.baseUrl());

    private PublicUrl() {}
}
