package io.github.twiliosmsmcp.inbox;

import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A conversation's order, oldest first. Twilio's times have whole seconds, so an inbound message
 * and its reply often share one: within a second, a reply comes right after the message it
 * answers, and otherwise messages keep the order in which the store learned of them, which is the
 * same on every read.
 */
final class ThreadOrder {

    /** Where a message sorts: a reply learned before its question is placed just after the question. */
    private record Key(MessageRecord message, long anchor, boolean afterAnchor, long learned) {}

    private ThreadOrder() {}

    /** {@code places} holds every message's place. */
    static List<MessageRecord> oldestFirst(List<MessageRecord> messages, Map<String, Inbox.Place> places) {
        Map<String, MessageRecord> bySid = messages.stream()
                .collect(Collectors.toMap(MessageRecord::sid, Function.identity(), (first, same) -> first));
        return messages.stream()
                .map(m -> key(m, bySid, places))
                .sorted(Comparator.comparing((Key k) -> k.message().dateSent()).thenComparingLong(Key::anchor)
                        .thenComparing(Key::afterAnchor).thenComparingLong(Key::learned))
                .map(Key::message)
                .toList();
    }

    private static Key key(MessageRecord m, Map<String, MessageRecord> bySid, Map<String, Inbox.Place> places) {
        Inbox.Place place = places.get(m.sid());
        Optional<Inbox.Place> question = place.inReplyTo()
                .map(bySid::get)
                .filter(q -> q.dateSent().equals(m.dateSent()))
                .map(q -> places.get(q.sid()))
                .filter(q -> q.learned() > place.learned());
        return question
                .map(q -> new Key(m, q.learned(), true, place.learned()))
                .orElseGet(() -> new Key(m, place.learned(), false, place.learned()));
    }
}
