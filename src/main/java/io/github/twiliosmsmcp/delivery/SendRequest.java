package io.github.twiliosmsmcp.delivery;

import java.util.List;
import java.util.Optional;

/** What a tool call asked to send, before any validation: strings as the model wrote them. */
public record SendRequest(Kind kind, String to, Optional<String> from, String body, List<String> mediaUrls) {

    public enum Kind {
        SMS,
        MMS
    }

    public SendRequest {
        body = body == null ? "" : body;
        mediaUrls = List.copyOf(mediaUrls);
    }
}
