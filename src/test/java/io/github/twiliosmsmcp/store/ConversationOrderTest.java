package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Conversation;
import io.github.twiliosmsmcp.inbox.ConsentReplies;
import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.sms.MessageGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.sms.Provider;
import io.github.twiliosmsmcp.twilio.TwilioProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of get_conversation within one second, on a real database file. Twilio's times have
 * whole seconds, so the SIDs here are chosen so that ordering by SID, or by the order Twilio lists
 * them in, gives the wrong answer.
 */
class ConversationOrderTest {
    private static final String ACCOUNT = "AC1";
    private static final PhoneNumber OURS = new PhoneNumber("+15005550006");
    private static final PhoneNumber PERSON = new PhoneNumber("+14155552671");
    private static final Instant SECOND = Instant.parse("2026-11-21T09:00:05Z");
    private static final SendIntent.Owner OWNER = new SendIntent.Owner("host-a", 4242, Instant.parse("2026-11-21T08:00:00Z"));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(SECOND.plusSeconds(60));
    private final ListedMessages twilio = new ListedMessages();
    private Database database;

    @BeforeEach
    void open() {
        database = new Database(DatabaseLocation.ofFile(dir.resolve("messages.db")), clock, Database.DEFAULT_RETENTION);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static String sid(char hex) {
        return "SM" + String.valueOf(hex).repeat(32);
    }

    private static MessageRecord inbound(String sid) {
        return MessageRecord.builder(sid, MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED).from(PERSON.e164())
                .to(OURS.e164()).body("question " + sid).dateSent(SECOND).segments(Optional.of(1)).build();
    }

    private static MessageRecord outbound(String sid) {
        return MessageRecord.builder(sid, MessageRecord.Direction.OUTBOUND, MessageStatus.DELIVERED).from(OURS.e164())
                .to(PERSON.e164()).body("answer " + sid).dateSent(SECOND).segments(Optional.of(1)).build();
    }

    /** What reply_to_sms leaves in the journal: a send claimed as a reply, then accepted by Twilio. */
    private void replied(MessageRecord reply, String inReplyTo) throws Exception {
        SendJournal journal = new SqlSendJournal(database);
        SendIntent intent = new SendIntent(ACCOUNT, "twilio", PERSON.e164(), OURS.e164(), reply.body(), List.of(), Optional.empty(),
                clock.instant(), Duration.ofMinutes(10), OWNER, new BigDecimal("0.0083"), false, Optional.of(inReplyTo));
        long id = assertInstanceOf(SendJournal.Fresh.class,
                journal.claim(intent, facts -> new Decision.Allowed(new BigDecimal("0.0083")))).id();
        journal.accepted(id, reply);
    }

    private List<String> conversation() {
        return thread().stream().map(MessageRecord::sid).toList();
    }

    private List<MessageRecord> thread() {
        ConversationService service = new ConversationService(twilio, List.of(OURS), new SqlInbox(database, ACCOUNT),
                new SqlSendJournal(database), ACCOUNT, clock, Duration.ofDays(7));
        Conversation thread = service.with(PERSON, 20);
        assertEquals(Optional.empty(), thread.problem());
        return thread.messages();
    }

    /** Twilio's list may lag behind a status callback the webhook service recorded: the later status is shown. */
    @Test
    void aSentMessageShowsTheLaterStatusTheJournalRecorded() throws Exception {
        MessageRecord question = inbound(sid('f'));
        MessageRecord settled = outbound(sid('1')).toBuilder().status(MessageStatus.SENT).build();
        MessageRecord ahead = outbound(sid('2'));
        new SqlInbox(database, ACCOUNT).remember(List.of(question), ConsentReplies::changeFor);
        replied(settled, question.sid());
        replied(ahead, question.sid());
        new SqlSendJournal(database).reported(ACCOUNT, settled.sid(), MessageStatus.UNDELIVERED, Optional.of(30003));
        new SqlSendJournal(database).reported(ACCOUNT, ahead.sid(), MessageStatus.SENT, Optional.empty());
        twilio.list(question, settled, ahead);

        List<MessageRecord> shown = thread();

        assertEquals(List.of(MessageStatus.RECEIVED, MessageStatus.UNDELIVERED, MessageStatus.DELIVERED),
                shown.stream().map(MessageRecord::status).toList());
        assertEquals(Optional.of(30003), shown.get(1).errorCode());
    }

    @Test
    void aReplyInTheSameSecondComesAfterTheMessageItAnswers() throws Exception {
        MessageRecord question = inbound(sid('f'));
        MessageRecord answer = outbound(sid('0'));
        new SqlInbox(database, ACCOUNT).remember(List.of(question), ConsentReplies::changeFor);
        replied(answer, question.sid());
        twilio.list(question, answer);

        assertEquals(List.of(question.sid(), answer.sid()), conversation());
        twilio.reverse();
        assertEquals(List.of(question.sid(), answer.sid()), conversation());
    }

    // reply_to_sms can answer a message fetched from Twilio that the store had never listed.
    @Test
    void aReplyStoredBeforeItsQuestionStillComesAfterIt() throws Exception {
        MessageRecord earlier = inbound(sid('a'));
        MessageRecord question = inbound(sid('f'));
        MessageRecord answer = outbound(sid('0'));
        new SqlInbox(database, ACCOUNT).remember(List.of(earlier), ConsentReplies::changeFor);
        replied(answer, question.sid());
        twilio.list(earlier, question, answer);

        assertEquals(List.of(earlier.sid(), question.sid(), answer.sid()), conversation());
    }

    @Test
    void otherwiseMessagesKeepTheOrderTheStoreLearnedThemInOnEveryRead() throws Exception {
        MessageRecord first = inbound(sid('f'));
        MessageRecord second = inbound(sid('0'));
        MessageRecord sentElsewhere = outbound(sid('5'));
        new SqlInbox(database, ACCOUNT).remember(List.of(first), ConsentReplies::changeFor);
        new SqlInbox(database, ACCOUNT).remember(List.of(second), ConsentReplies::changeFor);
        twilio.list(second, sentElsewhere, first);

        List<String> firstRead = conversation();

        assertEquals(List.of(first.sid(), second.sid(), sentElsewhere.sid()), firstRead);
        twilio.reverse();
        assertEquals(firstRead, conversation());
        database.close();
        database = new Database(DatabaseLocation.ofFile(dir.resolve("messages.db")), clock, Database.DEFAULT_RETENTION);
        assertEquals(firstRead, conversation(), "the order survives a restart");
    }

    @Test
    void aDatabaseOfTheSchemaBeforeLearnsItsMessagesInTheOrderTheyWereStored() throws Exception {
        MessageRecord first = inbound(sid('f'));
        MessageRecord second = inbound(sid('0'));
        MessageRecord answer = outbound(sid('5'));
        new SqlInbox(database, ACCOUNT).remember(List.of(first), ConsentReplies::changeFor);
        clock.advance(Duration.ofSeconds(1));
        new SqlInbox(database, ACCOUNT).remember(List.of(second), ConsentReplies::changeFor);
        clock.advance(Duration.ofSeconds(1));
        replied(answer, first.sid());
        database.write(c -> {
            try (var s = c.createStatement()) {
                for (String sql : List.of("DROP TABLE send_attempts", "DROP TABLE autoreplies", "DROP TABLE autoresponders", "DROP TABLE staged",
                        "DROP TABLE http_token",
                        "DROP TABLE service_presence", "ALTER TABLE sends DROP COLUMN provider",
                        "DROP TRIGGER learned_inbound",
                        "DROP TRIGGER learned_send", "DROP TABLE learned", "ALTER TABLE sends DROP COLUMN in_reply_to",
                        "PRAGMA user_version = 2")) {
                    s.execute(sql);
                }
            }
            return null;
        });
        database.close();
        database = new Database(DatabaseLocation.ofFile(dir.resolve("messages.db")), clock, Database.DEFAULT_RETENTION);
        twilio.list(answer, second, first);

        assertEquals(List.of(first.sid(), second.sid(), answer.sid()), conversation());
    }

    /** Twilio's listing: the messages given, in the order given, in each direction. */
    private static final class ListedMessages implements MessageGateway {
        private final List<MessageRecord> listed = new ArrayList<>();

        void list(MessageRecord... messages) {
            listed.clear();
            listed.addAll(List.of(messages));
        }

        void reverse() {
            Collections.reverse(listed);
        }

        private List<MessageRecord> in(MessageRecord.Direction direction) {
            return listed.stream().filter(m -> m.direction() == direction).toList();
        }

        @Override
        public List<MessageRecord> inbound(List<PhoneNumber> to, Optional<PhoneNumber> from, Instant since, int max,
                Duration timeout) {
            return in(MessageRecord.Direction.INBOUND);
        }

        @Override
        public List<MessageRecord> sentTo(PhoneNumber to, Instant since, int max, Duration timeout) {
            return in(MessageRecord.Direction.OUTBOUND);
        }

        @Override
        public MessageRecord create(OutgoingMessage message, Duration timeout) {
            throw new UnsupportedOperationException("a conversation sends nothing");
        }

        @Override
        public MessageRecord fetch(String sid, Duration timeout) {
            throw new UnsupportedOperationException("a conversation fetches nothing");
        }

        @Override
        public List<String> mediaUrls(String sid, Duration timeout) {
            return List.of();
        }

        @Override
        public boolean simulated() {
            return false;
        }

        @Override
        public Provider provider() {
            return TwilioProvider.named("twilio");
        }
    }
}
