package io.github.twiliosmsmcp.fake;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
  * What the fake Twilio does with messages sent to one recipient.
  *
  * <p>Immutable: the factories give the common cases and the {@code with...}-style methods return
  * modified copies, e.g. {@code Scenario.delivered().failFirstCreates(1, 429, 20429)}.
  *
  * @param timeline status steps after creation, offsets relative to the creation instant; the
  *     status shown at read time is the last step whose offset has elapsed
  * @param errorCode error code reported once the message is undelivered or failed, else null
  * @param errorMessage error message reported alongside {@code errorCode}
  * @param rejection when non-null, every create to this recipient is answered with this error
  * @param failFirstCreates how many creates to this recipient get {@code firstCreatesFailure}
  *     before the scenario starts accepting them
  * @param firstCreatesFailure the error for the first {@code failFirstCreates} creates
  * @param createResponseDelay how long the fake holds the HTTP response after it has already
  *     created the message (simulates a client timeout on an accepted message)
  */
public record Scenario(
        List<Step> timeline,
        Integer errorCode,
        String errorMessage,
        Rejection rejection,
        int failFirstCreates,
        Rejection firstCreatesFailure,
        Duration createResponseDelay) {

    /** One status of the timeline, shown from {@code offsetMillis} after creation onwards. */
    public record Step(String status, long offsetMillis) {
        public Step {
            Objects.requireNonNull(status, "status");
            if (offsetMillis < 0) {
                throw new IllegalArgumentException("offsetMillis must be >= 0");
            }
        }
    }

    /** An HTTP error answered to a create request instead of creating a message. */
    public record Rejection(int httpStatus, int code, String message) {}

    public Scenario {
        Objects.requireNonNull(timeline, "timeline");
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("timeline must not be empty");
        }
        timeline =
                timeline.stream().sorted(Comparator.comparingLong(Step::offsetMillis)).toList();
        if (failFirstCreates < 0) {
            throw new IllegalArgumentException("failFirstCreates must be >= 0");
        }
        if (failFirstCreates > 0) {
            Objects.requireNonNull(firstCreatesFailure, "firstCreatesFailure");
        }
        createResponseDelay = createResponseDelay == null ? Duration.ZERO : createResponseDelay;
    }

    /** queued@0, sending@100, sent@200, delivered@400: what unscripted recipients get. */
    public static Scenario delivered() {
        return of(sentThen("delivered"), null, null);
    }

    /** Like {@link #delivered()} but ends undelivered with the given carrier error. */
    public static Scenario undelivered(int code, String message) {
        return of(sentThen("undelivered"), code, message);
    }

    /** Twilio could not send it at all: queued@0, failed@200. */
    public static Scenario failed(int code, String message) {
        return of(List.of(new Step("queued", 0), new Step("failed", 200)), code, message);
    }

    /** queued@0, sent@200 and never a final status (no delivery receipt from the carrier). */
    public static Scenario staysSent() {
        return of(List.of(new Step("queued", 0), new Step("sent", 200)), null, null);
    }

    /** Every create to this recipient gets this HTTP error, e.g. 500, 503, 429 or 400/21610. */
    public static Scenario rejected(int httpStatus, int code, String message) {
        return new Scenario(
                delivered().timeline(),
                null,
                null,
                new Rejection(httpStatus, code, message),
                0,
                null,
                Duration.ZERO);
    }

    /** A custom timeline; errorCode/errorMessage apply once it reaches undelivered or failed. */
    public static Scenario of(List<Step> timeline, Integer errorCode, String errorMessage) {
        return new Scenario(timeline, errorCode, errorMessage, null, 0, null, Duration.ZERO);
    }

    /** The first {@code n} creates to this recipient get the error; later ones follow this. */
    public Scenario failFirstCreates(int n, int httpStatus, int code) {
        return new Scenario(
                timeline,
                errorCode,
                errorMessage,
                rejection,
                n,
                new Rejection(httpStatus, code, FakeTwilioApi.defaultErrorMessage(code)),
                createResponseDelay);
    }

    /** The message is created and counted at once, but the HTTP response waits {@code d}. */
    public Scenario delayCreateResponse(Duration d) {
        return new Scenario(
                timeline, errorCode, errorMessage, rejection, failFirstCreates, firstCreatesFailure, d);
    }

    private static List<Step> sentThen(String finalStatus) {
        return List.of(
                new Step("queued", 0),
                new Step("sending", 100),
                new Step("sent", 200),
                new Step(finalStatus, 400));
    }
}
