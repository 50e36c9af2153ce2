package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.sms.SegmentCount;
import java.time.Duration;
import java.util.Optional;

/**
 * The facts known before the create call, from which every report of this send is made; {@code provider}
 * is the one the send is with (its title in the words, its meanings of the error codes a report may carry).
 */
record Draft(SendRequest.Kind kind, OutgoingMessage message, Optional<SegmentCount> size, boolean simulated,
        Provider provider) {

    /** The same send, now with {@code next}: a fallback provider took it on. */
    Draft through(Provider next) {
        return new Draft(kind, message, size, simulated, next);
    }

    ErrorMeanings errors() {
        return provider.errors();
    }

    /** A report of this send; {@code record} is what the provider said of it, or null if nothing. */
    SendReport report(Outcome outcome, MessageRecord record, String summary, String advice) {
        Optional<MessageRecord> known = Optional.ofNullable(record);
        Optional<String> from = known.map(MessageRecord::from).filter(f -> f != null && !f.isBlank())
                .or(() -> Optional.of(message.sender()));
        Optional<SegmentCount> reported = size.map(s -> known.flatMap(MessageRecord::segments)
                .map(n -> new SegmentCount(s.encoding(), n, s.characters())).orElse(s));
        return SendReport.builder(outcome, kind, message.to().e164())
                .from(from)
                .sid(known.map(MessageRecord::sid))
                .status(known.map(MessageRecord::status))
                .size(reported)
                .mediaCount(message.mediaUrls().size())
                .price(known.flatMap(MessageRecord::price).map(Draft::cost))
                .priceUnit(known.flatMap(MessageRecord::priceUnit))
                .errorCode(known.flatMap(MessageRecord::errorCode))
                .errorMessage(known.flatMap(MessageRecord::errorMessage))
                .errorDocs(known.flatMap(MessageRecord::errorCode).map(errors()::docsUrl))
                .provider(Optional.of(provider))
                .summary(summary)
                .advice(advice)
                .simulated(simulated)
                .build();
    }

    /** What became of an accepted message, judged by the last status known after {@code waited}. */
    SendReport finalReport(MessageRecord last, Duration waited) {
        long seconds = waited.toSeconds();
        String status = last.status().twilioValue();
        String title = provider.title();
        if (!provider.reportsDelivery() && !last.status().isFinal()) {
            return report(Outcome.SENT_UNCONFIRMED, last, title + " accepted it (message id " + last.sid()
                    + ") and passes it on to the carrier; " + title + "'s API reports no delivery, so this is the last"
                    + " word", "");
        }
        return switch (last.status()) {
            case DELIVERED -> report(Outcome.DELIVERED, last, "the carrier confirmed delivery to the phone", "");
            case UNDELIVERED, FAILED -> failedReport(last);
            case CANCELED -> report(Outcome.CANCELED, last, "the message was canceled before it was sent",
                    "Tell the user it was canceled.");
            case SENT -> report(Outcome.SENT_UNCONFIRMED, last,
                    title + " handed it to the carrier (status sent), and no delivery receipt came within " + seconds
                            + " s; many carriers never send one, so this is usually the last word", "");
            default -> report(Outcome.PENDING, last, title + " accepted it and it was still " + status + " after "
                    + seconds + " s; it will go out without any further action", "");
        };
    }

    private SendReport failedReport(MessageRecord last) {
        Outcome outcome = last.status() == MessageStatus.FAILED ? Outcome.FAILED : Outcome.UNDELIVERED;
        String status = last.status().twilioValue();
        if (last.errorCode().isEmpty()) {
            return report(outcome, last, provider.title() + " reported status " + status + " without an error code",
                    "Tell the user it was not delivered.");
        }
        int code = last.errorCode().get();
        ErrorMeanings.Explanation why = errors().explain(code, last.errorMessage().orElse(null));
        return report(outcome, last, provider.title() + " reported status " + status + " with error " + code + ": "
                        + why.meaning(),
                why.advice());
    }

    /** Twilio reports a price as a negative amount charged; people read the cost. */
    private static String cost(String price) {
        return price.startsWith("-") ? price.substring(1) : price;
    }
}
