package io.github.twiliosmsmcp.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}): a base64 HMAC-SHA1, keyed with the
 * account's auth token (an API key cannot sign), over the URL Twilio called followed by each POST
 * parameter's name and value, sorted by name. The SDK's validator computes it, and also accepts the
 * URL with or without its default port, as Twilio may sign either.
 */
public final class WebhookSignature {
    private final RequestValidator validator;

    public WebhookSignature(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    /** Whether {@code signature} is Twilio's for a POST of {@code parameters} to {@code url}. */
    public boolean matches(String url, Map<String, String> parameters, String signature) {
        return signature != null && validator.validate(url, parameters, signature);
    }
}
