package io.github.twiliosmsmcp.delivery;

import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.sms.Encoding;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.sms.MediaUrls;
import io.github.twiliosmsmcp.sms.MessageText;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.SegmentCount;
import io.github.twiliosmsmcp.sms.Segments;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything about a send that can be checked before anything is recorded or sent: the numbers,
 * the sender, the text, its size, the media and the idempotency key. A problem becomes an
 * {@code invalid_request} report that says what to correct.
 */
final class SendCheck {
    static final int MAX_CHARACTERS = 1600;
    private static final int MAX_KEY_LENGTH = 200;

    /** The outcome of the checks. */
    sealed interface Checked permits Ready, Invalid {}

    /** A message that may go out, as far as its own content goes. */
    record Ready(Draft draft, SegmentCount size, Optional<String> idempotencyKey) implements Checked {}

    record Invalid(SendReport report) implements Checked {}

    private final PhoneNumberParser parser;
    private final Senders senders;
    private final int maxSegments;
    private final boolean simulated;
    private final Provider provider;
    private final Optional<URI> statusCallback;

    SendCheck(PhoneNumberParser parser, Senders senders, int maxSegments, boolean simulated, Provider provider,
            Optional<URI> statusCallback) {
        this.parser = parser;
        this.senders = senders;
        this.maxSegments = maxSegments;
        this.simulated = simulated;
        this.provider = provider;
        this.statusCallback = statusCallback;
    }

    Checked check(SendRequest request) {
        SendRequest.Kind kind = request.kind();
        ParsedNumber to = parser.parse(request.to());
        if (to instanceof ParsedNumber.Invalid invalid) {
            return invalid(kind, Shown.of(request.to()), "the recipient number " + Shown.quoted(request.to())
                    + " is not valid: " + invalid.reason(),
                    "Ask the user for the recipient's number in international form, such as +14155552671.");
        }
        PhoneNumber recipient = ((ParsedNumber.Valid) to).number();

        Optional<PhoneNumber> requestedFrom = Optional.empty();
        if (request.from().isPresent()) {
            ParsedNumber from = parser.parse(request.from().get());
            if (from instanceof ParsedNumber.Invalid invalid) {
                return invalid(kind, recipient.e164(), "the sender number (from) " + Shown.quoted(request.from().get())
                        + " is not valid: " + invalid.reason(), leaveFromOut());
            }
            requestedFrom = Optional.of(((ParsedNumber.Valid) from).number());
        }
        Optional<Senders.Choice> sender = request.inReplyTo().isPresent() && requestedFrom.isPresent()
                ? Optional.of(new Senders.Choice(requestedFrom, Optional.empty()))
                : senders.choose(requestedFrom);
        if (sender.isEmpty()) {
            return invalid(kind, recipient.e164(), "the sender number (from) " + requestedFrom.get()
                    + " is not one of this server's numbers (" + senders.describe() + ")", leaveFromOut());
        }

        String body = request.body();
        Optional<String> bodyProblem = kind == SendRequest.Kind.SMS && body.isBlank()
                ? Optional.of("the message text is empty")
                : MessageText.problem(body);
        if (bodyProblem.isPresent()) {
            return invalid(kind, recipient.e164(), bodyProblem.get(), "Fix the message text and call once more.");
        }
        SegmentCount size = Segments.count(body);
        if (size.characters() > MAX_CHARACTERS) {
            return invalid(kind, recipient.e164(), "the message is " + size.characters()
                    + " characters long; Twilio's limit is " + MAX_CHARACTERS, "Shorten the message.");
        }
        if (kind == SendRequest.Kind.SMS && size.segments() > maxSegments) {
            return invalid(kind, recipient.e164(), "the message needs " + size.describe()
                    + ", more than the " + maxSegments + " allowed by SMS_MAX_SEGMENTS",
                    "Shorten the message: each segment is billed as one SMS."
                            + (size.encoding() == Encoding.UCS_2
                                    ? " Emoji, curly quotes and other special characters make each segment hold only 67 characters."
                                    : ""));
        }

        List<URI> media = new ArrayList<>();
        if (kind == SendRequest.Kind.MMS) {
            Optional<String> mediaProblem = checkMedia(request.mediaUrls(), media);
            if (mediaProblem.isPresent()) {
                return invalid(kind, recipient.e164(), mediaProblem.get(),
                        "Give 1 to " + MediaUrls.MAX_COUNT + " public http(s) URLs of images or files.");
            }
        }
        Optional<String> key = request.idempotencyKey().map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && (key.get().length() > MAX_KEY_LENGTH || key.get().chars().anyMatch(Character::isISOControl))) {
            return invalid(kind, recipient.e164(), "the idempotency_key must be at most " + MAX_KEY_LENGTH
                    + " characters without control characters", "Use a short key such as an appointment ID.");
        }

        OutgoingMessage message = new OutgoingMessage(recipient, sender.get().number(),
                sender.get().pool(), body, media, statusCallback);
        Optional<SegmentCount> reportedSize = kind == SendRequest.Kind.SMS ? Optional.of(size) : Optional.empty();
        return new Ready(new Draft(kind, message, reportedSize, simulated, provider), size, key);
    }

    private Invalid invalid(SendRequest.Kind kind, String to, String summary, String advice) {
        return new Invalid(SendReport.invalid(kind, to, summary, advice, simulated));
    }

    private String leaveFromOut() {
        return "Leave 'from' out to use the default sender, or use one of: " + senders.describe() + ".";
    }

    private static Optional<String> checkMedia(List<String> urls, List<URI> checked) {
        if (urls.isEmpty()) {
            return Optional.of("send_mms needs at least one media URL");
        }
        if (urls.size() > MediaUrls.MAX_COUNT) {
            return Optional.of("there are " + urls.size() + " media URLs; Twilio takes at most " + MediaUrls.MAX_COUNT);
        }
        for (int i = 0; i < urls.size(); i++) {
            MediaUrls.Checked result = MediaUrls.check(urls.get(i));
            if (result.problem().isPresent()) {
                return Optional.of("media URL " + (i + 1) + " " + Shown.quoted(urls.get(i)) + " cannot be used: "
                        + result.problem().get());
            }
            checked.add(result.url().orElseThrow());
        }
        return Optional.empty();
    }
}
