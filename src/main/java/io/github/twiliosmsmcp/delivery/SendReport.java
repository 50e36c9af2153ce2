package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.Encoding;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.github.twiliosmsmcp.policy.Decision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything known about one send when the tool answers: the facts for the text answer and for
 * the structured content alike, so the two can never disagree.
 */
public record SendReport(
        Outcome outcome,
        SendRequest.Kind kind,
        String to,
        Optional<String> from,
        Optional<String> sid,
        Optional<MessageStatus> status,
        Optional<SegmentCount> size,
        int mediaCount,
        Optional<String> price,
        Optional<String> priceUnit,
        Optional<Integer> errorCode,
        Optional<String> errorMessage,
        String summary,
        String advice,
        boolean simulated,
        Optional<Instant> firstSentAt,
        Optional<Decision.Refused> refusal,
        Optional<BigDecimal> estimateUsd) {

    static SendReport notSent(Outcome outcome, SendRequest.Kind kind, String to, String summary, String advice,
            boolean simulated) {
        return new SendReport(outcome, kind, to, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                summary, advice, simulated, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A request refused before anything was sent because an argument is wrong. */
    public static SendReport invalid(SendRequest.Kind kind, String to, String summary, String advice, boolean simulated) {
        return notSent(Outcome.INVALID_REQUEST, kind, to, summary, advice, simulated);
    }

    public static SendReport notConfigured(SendRequest.Kind kind, String to, String problems) {
        return notSent(Outcome.NOT_CONFIGURED, kind, to, "the server is not configured: " + problems,
                "Tell the user to fix the server's settings in the client configuration (see the README's "
                        + "configuration table) and restart the client.", false);
    }

    /** The same report, naming when the earlier send it repeats was made. */
    SendReport sentBefore(Instant earlier) {
        return new SendReport(outcome, kind, to, from, sid, status, size, mediaCount, price, priceUnit, errorCode,
                errorMessage, summary, advice, simulated, Optional.of(earlier), refusal, estimateUsd);
    }

    /** The same report with the owner's rule that refused it, or the estimated cost of a send that passed. */
    SendReport withPolicy(Optional<Decision.Refused> rule, Optional<BigDecimal> estimate) {
        return new SendReport(outcome, kind, to, from, sid, status, size, mediaCount, price, priceUnit, errorCode,
                errorMessage, summary, advice, simulated, firstSentAt, rule, estimate);
    }

    public Optional<Encoding> encoding() {
        return size.map(SegmentCount::encoding);
    }
}
