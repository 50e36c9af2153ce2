package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.util.Map;

/** What one webhook does with the form fields of a request that Twilio signed. */
@FunctionalInterface
interface Webhook {

    /** @param trace the request's trace id, for every log line about it */
    Answer handle(Map<String, String> fields, String trace) throws StoreUnavailable;

    /**
     * The HTTP answer: 200 once what the request said is stored, or a refusal whose {@code outcome}
     * is the metrics label of the reason.
     */
    record Answer(int status, String contentType, String body, String outcome) {
        /** An empty TwiML response: Twilio then sends no reply message. */
        static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

        static Answer twiml(String outcome) {
            return new Answer(200, "text/xml;charset=utf-8", EMPTY_TWIML, outcome);
        }

        static Answer refused(int status, String reason, String explanation) {
            return new Answer(status, "text/plain;charset=utf-8", explanation + "\n", reason);
        }

        boolean accepted() {
            return status == 200;
        }
    }
}
