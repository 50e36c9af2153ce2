package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import io.github.twiliosmsmcp.store.SqlServicePresence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_conversation, reply look-ups and mark_sms_read in-process, on a scripted provider and a real SQLite inbox. */
class ConversationServiceTest {
    private static final String OURS = "+16502530000";
    private static final String PERSON = "+14155552671";

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private FakeGateway gateway;
    private Database database;
    private ConversationService conversations;
    private ReceiveService receiver;

    @BeforeEach
    void wire() {
        gateway = new FakeGateway(clock);
        database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock, Duration.ofDays(90));
        SqlInbox inbox = new SqlInbox(database, "AC1");
        conversations = new ConversationService(gateway, List.of(number(OURS)), inbox, new SqlSendJournal(database),
                "AC1", clock, Duration.ofDays(90));
        receiver = new ReceiveService(gateway, List.of(number(OURS)), inbox, new SqlServicePresence(database), "AC1",
                clock, duration -> true, Telemetry.NONE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PhoneNumber number(String e164) {
        return ((ParsedNumber.Valid) new PhoneNumberParser("US").parse(e164)).number();
    }

    private void sent(String body) throws Exception {
        gateway.create(new OutgoingMessage(number(PERSON), Optional.of(number(OURS)), Optional.empty(), body, List.of(),
                Optional.empty()),
                Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(1));
    }

    private MessageRecord received(String body) {
        MessageRecord message = gateway.receive(PERSON, OURS, body);
        clock.advance(Duration.ofMinutes(1));
        return message;
    }

    private static List<String> bodies(List<MessageRecord> messages) {
        return messages.stream().map(MessageRecord::body).toList();
    }

    @Test
    void aThreadIsShownOldestFirstAndWhatItShowsCountsAsRead() throws Exception {
        received("Can I move my appointment?");
        sent("Sure, to when?");
        received("Friday 3pm");

        Conversation thread = conversations.with(number(PERSON), 20);

        assertEquals(List.of("Can I move my appointment?", "Sure, to when?", "Friday 3pm"), bodies(thread.messages()));
        assertEquals(0, thread.earlierNotShown());
        ReceiveReport unread = receiver.receive(new ReceiveQuery(Optional.of(number(PERSON)), Optional.empty(),
                clock.instant().minus(Duration.ofDays(1)), 20, true, Duration.ZERO), Progress.NONE);
        assertEquals(List.of(), bodies(unread.messages()), "messages shown in the thread are read");
    }

    @Test
    void aLimitShowsTheNewestAndCountsTheRest() throws Exception {
        for (int i = 1; i <= 5; i++) {
            received("question " + i);
            sent("answer " + i);
        }

        Conversation thread = conversations.with(number(PERSON), 3);

        assertEquals(List.of("answer 4", "question 5", "answer 5"), bodies(thread.messages()));
        assertEquals(7, thread.earlierNotShown());
    }

    @Test
    void aMessageIsFoundInTheInboxOrAtTheProviderOrNowhere() throws Exception {
        MessageRecord stored = received("stored first");
        conversations.with(number(PERSON), 20);
        MessageRecord onlyAtProvider = received("not stored yet");

        assertEquals(Optional.of("stored first"), conversations.message(stored.sid()).map(MessageRecord::body));
        assertEquals(Optional.of("not stored yet"), conversations.message(onlyAtProvider.sid()).map(MessageRecord::body));
        assertTrue(conversations.message("SM" + "f".repeat(32)).isEmpty());
    }

    @Test
    void markingTellsNewlyReadFromAlreadyReadFromUnknown() throws Exception {
        MessageRecord first = received("one");
        MessageRecord second = received("two");
        // Both are stored; only the newest is shown, and so read.
        receiver.receive(new ReceiveQuery(Optional.empty(), Optional.empty(), clock.instant().minus(Duration.ofDays(1)),
                1, true, Duration.ZERO), Progress.NONE);
        String unknown = "SM" + "e".repeat(32);

        ConversationService.Marked marked = conversations.markRead(List.of(first.sid(), second.sid(), unknown));

        assertEquals(List.of(first.sid()), marked.newlyRead());
        assertEquals(List.of(second.sid()), marked.alreadyRead());
        assertEquals(List.of(unknown), marked.unknown());
    }
}
