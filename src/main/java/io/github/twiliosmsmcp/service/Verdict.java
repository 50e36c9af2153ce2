package io.github.twiliosmsmcp.service;

import java.util.Map;

/** What the checks of a webhook request found: a request from Twilio, or why it is refused. */
sealed interface Verdict {

    /** Twilio signed these form fields. */
    record Accepted(Map<String, String> fields) implements Verdict {}

    /**
     * Refused with HTTP {@code status}; {@code reason} is the metrics label, {@code explanation} the
     * log's words for the person running the service.
     */
    record Rejected(int status, String reason, String explanation) implements Verdict {}
}
