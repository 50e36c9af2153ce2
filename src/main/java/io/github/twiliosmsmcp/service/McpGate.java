package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.access.HttpToken;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call {@code /mcp}: a request with an allowed Origin, or none (clients that are not
 * browsers send none), carrying the bearer token. A web page in the owner's browser that found the
 * service (DNS rebinding) is refused before its token is even looked at.
 */
final class McpGate {
    static final String CHALLENGE = "Bearer realm=\"twilio-sms-mcp\"";

    /** Why a request is refused: its HTTP status, the WWW-Authenticate header if any, and words for the caller. */
    record Refusal(int status, Optional<String> challenge, String message) {}

    private final HttpToken token;
    private final List<String> allowedOrigins;

    McpGate(HttpToken token, List<String> allowedOrigins) {
        this.token = token;
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    Optional<Refusal> check(String origin, String authorization) {
        if (origin != null && !allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, Optional.empty(), "the Origin " + origin + " is not allowed:"
                    + " add it to SMS_HTTP_ALLOWED_ORIGINS if that page may call this server"));
        }
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new Refusal(401, Optional.of(CHALLENGE), "this endpoint needs the header"
                    + " Authorization: Bearer <token>"));
        }
        String presented = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        if (!token.matches(presented)) {
            return Optional.of(new Refusal(401, Optional.of(CHALLENGE + ", error=\"invalid_token\""),
                    "the bearer token is not this server's"));
        }
        return Optional.empty();
    }
}
