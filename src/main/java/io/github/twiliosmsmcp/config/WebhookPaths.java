package io.github.twiliosmsmcp.config;

/**
 * Where the webhook service takes Twilio's webhooks, below {@code SMS_PUBLIC_URL}: paths fixed as a
 * contract. Defined here, below both, because the service serves them and every send names the
 * status path to Twilio.
 */
public final class WebhookPaths {
    public static final String INBOUND = "/twilio/inbound";
    public static final String STATUS = "/twilio/status";

    private WebhookPaths() {}
}
