package io.github.twiliosmsmcp.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.ProviderMessage;

/**
 * Reads an error answer (HTTP 4xx or 5xx). Only the status and Twilio's own {@code code} and
 * {@code message} are kept, and only when the body has Twilio's error shape: whatever else comes
 * back (a proxy's HTML page, an endpoint that echoes the request with its Authorization header) is
 * never quoted.
 */
final class ErrorAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorAnswer() {}

    static GatewayException.Rejected rejected(int status, String body) {
        JsonNode error = parse(body);
        JsonNode code = error.path("code");
        JsonNode message = error.path("message");
        boolean twilioShape = error.isObject() && (code.isInt() || message.isTextual());
        if (!twilioShape) {
            return new GatewayException.Rejected(status, TwilioErrors.reason(status, null), null, null);
        }
        Integer twilioCode = code.isInt() ? code.intValue() : null;
        return new GatewayException.Rejected(status, TwilioErrors.reason(status, twilioCode), twilioCode,
                message.isTextual() ? ProviderMessage.oneLine(message.textValue()) : null);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }
}
