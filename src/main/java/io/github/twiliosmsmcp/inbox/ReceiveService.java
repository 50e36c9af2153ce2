package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.Telemetry;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.github.twiliosmsmcp.common.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads replies by listing Twilio's messages, so no webhook and no open port are needed. What it
 * sees goes into the inbox, where a message stays unread until it has been returned to the model,
 * across restarts and processes. A wait polls with backoff until a matching unread message
 * arrives: how an agent waits for a verification code or an answer to what it just sent. While
 * the webhook service of the account is live ({@link ServicePresence}), it stores each message the
 * moment Twilio delivers it, so the wait reads the inbox every {@link #INBOX_TICK} instead of
 * listing Twilio's messages again.
 */
public final class ReceiveService {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveService.class);
    /** How many recent messages one look reads at most: listing must stop somewhere. */
    static final int SCAN_LIMIT = 200;
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(5);
    private static final long[] POLL_DELAYS_MILLIS = {1000, 1500, 2000, 3000};
    /** A read of the local store: cheap enough to make four times a second, so a reply arrives within one. */
    static final Duration INBOX_TICK = Duration.ofMillis(250);
    /**
     * How far before the wait began the inbox is read: the first look listed Twilio's messages, and
     * this covers one the service stored that Twilio did not list yet, while bounding the read.
     */
    static final Duration INBOX_OVERLAP = Duration.ofMinutes(5);
    /** Messages the service stamped a little ahead of this process's clock still count. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final MessageGateway gateway;
    private final List<PhoneNumber> numbers;
    private final Inbox inbox;
    private final ServicePresence presence;
    private final String account;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Telemetry telemetry;

    public ReceiveService(MessageGateway gateway, List<PhoneNumber> numbers, Inbox inbox, ServicePresence presence,
            String account, Clock clock, Sleeper sleeper, Telemetry telemetry) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.telemetry = telemetry;
        this.gateway = gateway;
        this.numbers = List.copyOf(numbers);
        this.inbox = inbox;
        this.presence = presence;
        this.account = account;
    }

    public ReceiveReport receive(ReceiveQuery query, Progress progress) {
        Instant start = clock.instant();
        Instant deadline = start.plus(query.waitFor());
        List<MessageRecord> listed = List.of();
        List<MessageRecord> found;
        List<MessageRecord> unread;
        ReceiveReport.Mode mode = ReceiveReport.Mode.POLLING;
        int poll = 0;
        try {
            while (true) {
                if (mode == ReceiveReport.Mode.WEBHOOK) {
                    found = newestFirst(listed, stored(query, start));
                } else {
                    listed = listAndStore(query.from(), query.since()).stream().filter(query::matches).toList();
                    found = listed;
                }
                Set<String> unreadSids = inbox.unread(found.stream().map(MessageRecord::sid).toList());
                unread = found.stream().filter(m -> unreadSids.contains(m.sid())).toList();
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (!unread.isEmpty() || remaining.isNegative() || remaining.isZero()) {
                    break;
                }
                mode = serviceLive() ? ReceiveReport.Mode.WEBHOOK : ReceiveReport.Mode.POLLING;
                progress.report(seconds(start), query.waitFor().toSeconds(), mode == ReceiveReport.Mode.WEBHOOK
                        ? "No matching new message yet; waiting for the webhook service to store one"
                        : "No matching new message yet; still waiting");
                long pause = mode == ReceiveReport.Mode.WEBHOOK ? INBOX_TICK.toMillis()
                        : POLL_DELAYS_MILLIS[Math.min(poll++, POLL_DELAYS_MILLIS.length - 1)];
                if (!sleeper.sleep(Duration.ofMillis(Math.min(pause, remaining.toMillis() + 1)))) {
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
                    seconds(start), numbersShown(), gateway.simulated(), mode, Optional.empty(), "");
        } catch (GatewayException e) {
            return failed(query, e, start);
        } catch (StoreUnavailable e) {
            return new ReceiveReport(List.of(), 0, query.since(), query.unreadOnly(), seconds(start), numbersShown(),
                    gateway.simulated(), ReceiveReport.Mode.POLLING,
                    Optional.of(e.describe() + "; read and unread messages cannot be told apart without it"),
                    "Tell the user the message store must be fixed first (see the file named above).");
        }
    }

    /**
     * The messages that arrived at this server's numbers at or after {@code since}, newest first,
     * stored (each STOP or START applied) as a read would store them: for a service that gets no
     * webhooks and looks for new messages itself.
     */
    public List<MessageRecord> arrivedSince(Instant since) throws GatewayException, StoreUnavailable {
        return listAndStore(Optional.empty(), since).stream().filter(m -> !m.dateSent().isBefore(since)).toList();
    }

    /** Every stored message whose STOP or START is applied in the same transaction, so none is stored without it. */
    private List<MessageRecord> listAndStore(Optional<PhoneNumber> from, Instant since)
            throws GatewayException, StoreUnavailable {
        telemetry.polled(Telemetry.Poll.INBOX);
        List<MessageRecord> listed = gateway.inbound(numbers, from, since, SCAN_LIMIT, LIST_TIMEOUT);
        inbox.remember(listed, ConsentReplies::changeFor);
        return listed;
    }

    /** Twilio lists an MMS's media separately; a failed look only leaves the URLs out. */
    private MessageRecord withMedia(MessageRecord message) {
        if (message.mediaCount() == 0 || !message.mediaUrls().isEmpty()) {
            return message;
        }
        try {
            return message.withMediaUrls(gateway.mediaUrls(message.sid(), MEDIA_TIMEOUT));
        } catch (GatewayException e) {
            LOG.debug("{}media of {} not listed: {}", Trace.tag(), message.sid(), e.getMessage());
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
                gateway.simulated(), ReceiveReport.Mode.POLLING, Optional.of(problem), advice);
    }

    /**
     * A store that cannot tell counts as no service: the wait then polls, as it always could. The
     * simulated carrier calls no webhook, so its replies are only ever in its list, service or not.
     */
    private boolean serviceLive() {
        if (gateway.simulated()) {
            return false;
        }
        try {
            return presence.lastBeat(account).map(beat -> beat.liveAt(clock.instant())).orElse(false);
        } catch (StoreUnavailable e) {
            return false;
        }
    }

    /** Matching messages the webhook service stored since shortly before the wait began. */
    private List<MessageRecord> stored(ReceiveQuery query, Instant waitStart) throws StoreUnavailable {
        Instant from = waitStart.minus(INBOX_OVERLAP);
        return inbox.receivedBetween(from.isAfter(query.since()) ? from : query.since(),
                        clock.instant().plus(CLOCK_SKEW), SCAN_LIMIT).stream()
                .filter(this::toOurNumbers)
                .filter(query::matches)
                .toList();
    }

    /** With only a sender pool configured there are no numbers to check: any number of the account counts. */
    private boolean toOurNumbers(MessageRecord message) {
        return numbers.isEmpty() || numbers.stream().anyMatch(number -> number.e164().equals(message.to()));
    }

    /** Both looks together, each message once, newest first as Twilio lists them. */
    private static List<MessageRecord> newestFirst(List<MessageRecord> listed, List<MessageRecord> stored) {
        Map<String, MessageRecord> bySid = new LinkedHashMap<>();
        stored.forEach(message -> bySid.put(message.sid(), message));
        listed.forEach(message -> bySid.putIfAbsent(message.sid(), message));
        return bySid.values().stream().sorted(Comparator.comparing(MessageRecord::dateSent).reversed()).toList();
    }

    private List<String> numbersShown() {
        return numbers.stream().map(PhoneNumber::e164).toList();
    }

    private long seconds(Instant start) {
        return Duration.between(start, clock.instant()).toSeconds();
    }
}
