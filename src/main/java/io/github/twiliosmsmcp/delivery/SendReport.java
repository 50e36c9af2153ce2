package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.Encoding;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.github.twiliosmsmcp.policy.Decision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
        Optional<String> errorDocs,
        String summary,
        String advice,
        boolean simulated,
        Optional<Instant> firstSentAt,
        Optional<Decision.Refused> refusal,
        Optional<BigDecimal> estimateUsd,
        Optional<Provider> provider,
        List<ProviderAttempt> movedOn) {

    public SendReport {
        movedOn = List.copyOf(movedOn);
    }

    static SendReport notSent(Outcome outcome, SendRequest.Kind kind, String to, String summary, String advice,
            boolean simulated) {
        return builder(outcome, kind, to).summary(summary).advice(advice).simulated(simulated).build();
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
        return toBuilder().firstSentAt(Optional.of(earlier)).build();
    }

    /** The same report with the owner's rule that refused it, or the estimated cost of a send that passed. */
    SendReport withPolicy(Optional<Decision.Refused> rule, Optional<BigDecimal> estimate) {
        return toBuilder().refusal(rule).estimateUsd(estimate).build();
    }

    static Builder builder(Outcome outcome, SendRequest.Kind kind, String to) {
        return new Builder(outcome, kind, to);
    }

    Builder toBuilder() {
        return new Builder(outcome, kind, to).from(from).sid(sid).status(status).size(size).mediaCount(mediaCount)
                .price(price).priceUnit(priceUnit).errorCode(errorCode).errorMessage(errorMessage).errorDocs(errorDocs)
                .summary(summary).advice(advice).simulated(simulated).firstSentAt(firstSentAt).refusal(refusal)
                .estimateUsd(estimateUsd).provider(provider).movedOn(movedOn);
    }

    /**
     * The same report of a send that went to the provider called {@code title} after those in
     * {@code earlier} certainly did not accept it: the chain comes first in the words.
     */
    SendReport after(List<ProviderAttempt> earlier, String title) {
        if (earlier.isEmpty()) {
            return this;
        }
        String chain = earlier.stream().map(ProviderAttempt::reason).collect(Collectors.joining("; "));
        return toBuilder().movedOn(earlier).summary(chain + "; so it went to " + title + " instead, which was safe"
                + " because nothing had been accepted: " + summary).build();
    }

    /** Names each of the twenty-one facts where a report is made; what is not set is unknown or empty. */
    static final class Builder {
        private final Outcome outcome;
        private final SendRequest.Kind kind;
        private final String to;
        private Optional<String> from = Optional.empty();
        private Optional<String> sid = Optional.empty();
        private Optional<MessageStatus> status = Optional.empty();
        private Optional<SegmentCount> size = Optional.empty();
        private int mediaCount;
        private Optional<String> price = Optional.empty();
        private Optional<String> priceUnit = Optional.empty();
        private Optional<Integer> errorCode = Optional.empty();
        private Optional<String> errorMessage = Optional.empty();
        private Optional<String> errorDocs = Optional.empty();
        private String summary = "";
        private String advice = "";
        private boolean simulated;
        private Optional<Instant> firstSentAt = Optional.empty();
        private Optional<Decision.Refused> refusal = Optional.empty();
        private Optional<BigDecimal> estimateUsd = Optional.empty();
        private Optional<Provider> provider = Optional.empty();
        private List<ProviderAttempt> movedOn = List.of();

        private Builder(Outcome outcome, SendRequest.Kind kind, String to) {
            this.outcome = outcome;
            this.kind = kind;
            this.to = to;
        }

        Builder from(Optional<String> from) {
            this.from = from;
            return this;
        }

        Builder sid(Optional<String> sid) {
            this.sid = sid;
            return this;
        }

        Builder status(Optional<MessageStatus> status) {
            this.status = status;
            return this;
        }

        Builder size(Optional<SegmentCount> size) {
            this.size = size;
            return this;
        }

        Builder mediaCount(int mediaCount) {
            this.mediaCount = mediaCount;
            return this;
        }

        Builder price(Optional<String> price) {
            this.price = price;
            return this;
        }

        Builder priceUnit(Optional<String> priceUnit) {
            this.priceUnit = priceUnit;
            return this;
        }

        Builder errorCode(Optional<Integer> errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        Builder errorMessage(Optional<String> errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        /** Where the provider documents the error code. */
        Builder errorDocs(Optional<String> errorDocs) {
            this.errorDocs = errorDocs;
            return this;
        }

        Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        Builder advice(String advice) {
            this.advice = advice;
            return this;
        }

        Builder simulated(boolean simulated) {
            this.simulated = simulated;
            return this;
        }

        Builder firstSentAt(Optional<Instant> firstSentAt) {
            this.firstSentAt = firstSentAt;
            return this;
        }

        Builder refusal(Optional<Decision.Refused> refusal) {
            this.refusal = refusal;
            return this;
        }

        Builder estimateUsd(Optional<BigDecimal> estimateUsd) {
            this.estimateUsd = estimateUsd;
            return this;
        }

        /** The provider the message is with, or that refused it last. */
        Builder provider(Optional<Provider> provider) {
            this.provider = provider;
            return this;
        }

        Builder movedOn(List<ProviderAttempt> movedOn) {
            this.movedOn = movedOn;
            return this;
        }

        SendReport build() {
            return new SendReport(outcome, kind, to, from, sid, status, size, mediaCount, price, priceUnit, errorCode,
                    errorMessage, errorDocs, summary, advice, simulated, firstSentAt, refusal, estimateUsd, provider,
                    movedOn);
        }
    }

    /** What answers call the provider: its title, or Twilio's when no provider was reached. */
    public String providerTitle() {
        return provider.map(Provider::title).orElse("Twilio");
    }

    public Optional<Encoding> encoding() {
        return size.map(SegmentCount::encoding);
    }
}
