package io.github.twiliosmsmcp.messagecentral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.sms.ProviderMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads MessageCentral's answers. Only what has the documented shape is taken: an upstream that is
 * not MessageCentral (a proxy's page, an endpoint echoing the request and its secrets) is never quoted.
 */
final class MessageCentralAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,8192}");
    private static final Pattern VERIFICATION_ID = Pattern.compile("[0-9]{1,24}");
    private static final Pattern CODE = Pattern.compile("[0-9]{1,4}");
    private static final int SUCCESS = 200;

    /** An error answer's {@code responseCode} and {@code message}, each null when it did not carry them. */
    record Error(Integer code, String message) {}

    private MessageCentralAnswers() {}

    /** The token of a token answer, when it has one fit to travel in a header. */
    static Optional<String> token(String body) {
        JsonNode token = parse(body).path("token");
        return token.isTextual() && TOKEN.matcher(token.textValue()).matches() ? Optional.of(token.textValue()) : Optional.empty();
    }

    /** The verification id of a send answer that says SUCCESS and carries one. */
    static Optional<String> verificationId(String body) {
        JsonNode answer = parse(body);
        Integer code = code(answer.path("responseCode"));
        if (code != null && code != SUCCESS) {
            return Optional.empty();
        }
        JsonNode id = answer.path("data").path("verificationId");
        String text = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
        return VERIFICATION_ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /**
     * The {@code responseCode} and {@code message} of an error answer. A message that holds any of
     * {@code secrets} (the key, a token) is dropped: it can only be an echo of the request.
     */
    static Error error(String body, List<String> secrets) {
        JsonNode answer = parse(body);
        if (!answer.isObject()) {
            return new Error(null, null);
        }
        JsonNode message = answer.path("message");
        String words = message.isTextual() ? ProviderMessage.oneLine(message.textValue()) : null;
        boolean echoes = words != null && secrets.stream().anyMatch(secret -> !secret.isEmpty() && words.contains(secret));
        return new Error(code(answer.path("responseCode")), echoes || words == null || words.isEmpty() ? null : words);
    }

    private static Integer code(JsonNode node) {
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText().strip() : "";
        return CODE.matcher(text).matches() ? Integer.valueOf(text) : null;
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
