package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageIdForm;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Threads and single messages, read from Twilio (which also knows what was sent from elsewhere)
 * and kept in the inbox, so that what the model has seen counts as read and can be replied to. A
 * sent message shows the status the send journal holds when that is later than the list's: a
 * status callback recorded it there.
 */
public final class ConversationService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** How many recent messages in each direction one look reads at most. */
    static final int SCAN_LIMIT = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MessageGateway gateway;
    private final List<PhoneNumber> numbers;
    private final Inbox inbox;
    private final SendJournal journal;
    private final String account;
    private final Clock clock;
    private final Duration lookBack;

    public ConversationService(MessageGateway gateway, List<PhoneNumber> numbers, Inbox inbox, SendJournal journal,
            String account, Clock clock, Duration lookBack) {
        this.gateway = gateway;
        this.numbers = List.copyOf(numbers);
        this.inbox = inbox;
        this.journal = journal;
        this.account = account;
        this.clock = clock;
        this.lookBack = lookBack;
    }

    /** The thread as the model reads it: the replies shown count as read from now on. */
    public Conversation with(PhoneNumber other, int limit) {
        return read(other, limit, true);
    }

    /**
     * The thread as a person looks at it: what the model has not read yet stays unread for the model,
     * whose receive_sms must still return it.
     */
    public Conversation look(PhoneNumber other, int limit) {
        return read(other, limit, false);
    }

    private Conversation read(PhoneNumber other, int limit, boolean markRead) {
        try {
            java.time.Instant since = clock.instant().minus(lookBack);
            List<MessageRecord> received = gateway.inbound(numbers, Optional.of(other), since, SCAN_LIMIT, TIMEOUT);
            List<MessageRecord> sent = gateway.sentTo(other, since, SCAN_LIMIT, TIMEOUT);
            List<MessageRecord> listed = Stream.concat(received.stream(), sent.stream()).toList();
            Map<String, Inbox.Place> places = inbox.places(listed);
            List<MessageRecord> thread = ThreadOrder.oldestFirst(listed, places);
            Map<String, Long> autoreplies = new HashMap<>();
            places.forEach((sid, place) -> place.autoreplyRule().ifPresent(rule -> autoreplies.put(sid, rule)));
            List<MessageRecord> shown = new ArrayList<>();
            for (MessageRecord message : thread.subList(Math.max(0, thread.size() - limit), thread.size())) {
                shown.add(latest(message));
            }
            inbox.remember(received, ConsentReplies::changeFor);
            if (markRead) {
                inbox.markRead(shown.stream().filter(m -> m.direction() == MessageRecord.Direction.INBOUND)
                        .map(MessageRecord::sid).toList());
            }
            return new Conversation(other.e164(), shown, autoreplies, thread.size() - shown.size(), gateway.simulated(),
                    Optional.empty(), "");
        } catch (GatewayException e) {
            String problem = e instanceof GatewayException.Rejected r && r.code().isPresent()
                    ? "Twilio refused to list messages with error " + r.code().get() + ": "
                            + gateway.provider().errors().explain(r.code().get(), r.providerMessage().orElse(null))
                                    .meaning()
                    : "the server could not read messages from Twilio (" + e.getMessage() + ")";
            return new Conversation(other.e164(), List.of(), Map.of(), 0, gateway.simulated(), Optional.of(problem),
                    "Tell the user the conversation could not be read; try again in a minute.");
        } catch (StoreUnavailable e) {
            return new Conversation(other.e164(), List.of(), Map.of(), 0, gateway.simulated(), Optional.of(e.describe()),
                    "Tell the user the message store must be fixed first (see the file named above).");
        }
    }

    private MessageRecord latest(MessageRecord message) throws StoreUnavailable {
        if (message.direction() == MessageRecord.Direction.INBOUND) {
            return message;
        }
        return journal.byMessageId(account, message.sid()).map(send -> send.latest(message)).orElse(message);
    }

    /** What the provider's message ids look like, so that a malformed one is refused before any look-up. */
    public MessageIdForm messageIds() {
        return gateway.provider().messageIds();
    }

    /** An inbound message by SID: from the inbox, else from Twilio. Empty when no such message exists. */
    public Optional<MessageRecord> message(String sid) throws GatewayException, StoreUnavailable {
        Optional<MessageRecord> stored = inbox.find(sid);
        if (stored.isPresent()) {
            return stored;
        }
        try {
            return Optional.of(gateway.fetch(sid, TIMEOUT));
        } catch (GatewayException.Rejected rejected) {
            // Only Twilio's own 404 says the message does not exist; any other 404 says nothing about it.
            if (rejected.httpStatus() == 404 && rejected.code().isPresent()) {
                return Optional.empty();
            }
            throw rejected;
        }
    }

    /** What marking did: newly read, already read, and SIDs this server has never seen. */
    public record Marked(List<String> newlyRead, List<String> alreadyRead, List<String> unknown) {}

    public Marked markRead(List<String> sids) throws StoreUnavailable {
        Set<String> changed = inbox.markRead(sids);
        List<String> already = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String sid : sids) {
            if (!changed.contains(sid)) {
                (inbox.find(sid).isPresent() ? already : unknown).add(sid);
            }
        }
        return new Marked(sids.stream().filter(changed::contains).toList(), already, unknown);
    }
}
