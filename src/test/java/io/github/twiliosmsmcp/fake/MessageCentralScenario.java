package io.github.twiliosmsmcp.fake;

import java.time.Duration;

/**
 * What the fake MessageCentral does with a send to one recipient. A send it answers late or not at
 * all is still sent (counted as accepted): that is the case where a client must not try again.
 */
public sealed interface MessageCentralScenario {

    /** Sent, answered at once with a verification id. */
    record Accept() implements MessageCentralScenario {}

    /** Refused with this HTTP status and MessageCentral's {@code responseCode} and {@code message}. */
    record Refuse(int httpStatus, int responseCode, String message) implements MessageCentralScenario {}

    /** Sent, but the answer comes only after {@code delay} (or when the fake closes). */
    record AnswerLate(Duration delay) implements MessageCentralScenario {}

    /** Sent, but answered HTTP 200 with a body that is not MessageCentral's. */
    record Garbled() implements MessageCentralScenario {}

    /** Sent, then the connection is closed after the request was read, with no answer. */
    record HangUp() implements MessageCentralScenario {}

    static MessageCentralScenario accept() {
        return new Accept();
    }

    static MessageCentralScenario refuse(int httpStatus, int responseCode, String message) {
        return new Refuse(httpStatus, responseCode, message);
    }

    /** HTTP 500 with responseCode 500 SERVER_ERROR: the fake does not say whether it sent anything. */
    static MessageCentralScenario serverError() {
        return new Refuse(500, 500, "SERVER_ERROR");
    }

    static MessageCentralScenario answerLate(Duration delay) {
        return new AnswerLate(delay);
    }

    static MessageCentralScenario garbled() {
        return new Garbled();
    }

    static MessageCentralScenario hangUp() {
        return new HangUp();
    }
}
