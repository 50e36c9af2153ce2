package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.ErrorMeanings;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads replies by listing Twilio's messages, so no webhook and no open port are needed. What it
 * sees goes into the inbox, where a message stays unread until it has been returned to the model,
 * across restarts and processes. A wait polls with backoff until a matching unread message
 * arrives: how an agent waits for a verification code or an answer to what it just sent.
 */
public final class ReceiveService {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveService.class);
    /** How many recent messages one look reads at most: listing must stop somewhere. */
    static final int SCAN_LIMIT = 200;
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(5);
    private static final long[] POLL_DELAYS_MILLIS = {1000, 1500, 2000, 3000};

    private final MessageGateway gateway;
    private final List<PhoneNumber> numbers;
    private final Inbox inbox;
    private final Clock clock;
    private final Sleeper sleeper;

    public ReceiveService(MessageGateway gateway, List<PhoneNumber> numbers, Inbox inbox, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.gateway = gateway;
        this.numbers = List.copyOf(numbers);
        this.inbox = inbox;
    }

    public ReceiveReport receive(ReceiveQuery query, Progress progress) {
        Instant start = clock.instant();
        Instant deadline = start.plus(query.waitFor());
        List<MessageRecord> found;
        List<MessageRecord> unread;
        int poll = 0;
        try {
            while (true) {
                found = gateway.inbound(numbers, query.from(), query.since(), SCAN_LIMIT, LIST_TIMEOUT).stream()
                        .filter(query::matches)
                        .toList();
                inbox.remember(found, ConsentReplies::changeFor);
                Set<String> unreadSids = inbox.unread(found.stream().map(MessageRecord::sid).toList());
                unread = found.stream().filter(m -> unreadSids.contains(m.sid())).toList();
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (!unread.isEmpty() || remaining.isNegative() || remaining.isZero()) {
                    break;
                }
                progress.report(seconds(start), query.waitFor().toSeconds(),
                        "No matching new message yet; still waiting");
                long delay = Math.min(POLL_DELAYS_MILLIS[Math.min(poll++, POLL_DELAYS_MILLIS.length - 1)],
                        remaining.toMillis() + 1);
                if (!sleeper.sleep(Duration.ofMillis(delay))) {
                    break;
                }
            }
            List<MessageRecord> candidates = query.unreadOnly() ? unread : found;
            List<MessageRecord> page = candidates.stream().limit(query.limit()).toList();
            // Marking is atomic: of two concurrent unread-only calls, only one gets each message.
            Set<String> claimed = inbox.markRead(page.stream().map(MessageRecord::sid).toList());
            List<MessageRecord> shown = new ArrayList<>();
            for (MessageRecord message : page) {
                if (!query.unreadOnly() || claimed.contains(message.sid())) {
                    shown.add(withMedia(message));
                }
            }
            return new ReceiveReport(shown, candidates.size() - page.size(), query.since(), query.unreadOnly(),
                    seconds(start), numbersShown(), gateway.simulated(), Optional.empty(), "");
        } catch (GatewayException e) {
            return failed(query, e, start);
        } catch (StoreUnavailable e) {
            return new ReceiveReport(List.of(), 0, query.since(), query.unreadOnly(), seconds(start), numbersShown(),
                    gateway.simulated(), Optional.of(e.describe() + "; read and unread messages cannot be told apart without it"),
                    "Tell the user the message store must be fixed first (see the file named above).");
        }
    }

    /** Twilio lists an MMS's media separately; a failed look only leaves the URLs out. */
    private MessageRecord withMedia(MessageRecord message) {
        if (message.mediaCount() == 0 || !message.mediaUrls().isEmpty()) {
            return message;
        }
        try {
            return message.withMediaUrls(gateway.mediaUrls(message.sid(), MEDIA_TIMEOUT));
        } catch (GatewayException e) {
            LOG.debug("media of {} not listed: {}", message.sid(), e.getMessage());
            return message;
        }
    }

    private ReceiveReport failed(ReceiveQuery query, GatewayException e, Instant start) {
        String problem;
        String advice;
        if (e instanceof GatewayException.Rejected rejected && rejected.code().isPresent()) {
            ErrorMeanings.Explanation why = gateway.provider().errors().explain(rejected.code().get(),
                    rejected.providerMessage().orElse(null));
            problem = "Twilio refused to list messages with error " + rejected.code().get() + ": " + why.meaning();
            advice = why.advice();
        } else {
            problem = "the server could not read messages from Twilio (" + e.getMessage() + ")";
            advice = "Tell the user Twilio could not be reached; try again in a minute.";
        }
        return new ReceiveReport(List.of(), 0, query.since(), query.unreadOnly(), seconds(start), numbersShown(),
                gateway.simulated(), Optional.of(problem), advice);
    }

    private List<String> numbersShown() {
        return numbers.stream().map(PhoneNumber::e164).toList();
    }

    private long seconds(Instant start) {
        return Duration.between(start, clock.instant()).toSeconds();
    }
}
