package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person looking at a thread on the review page leaves the model's unread replies unread. */
class ConversationLookTest {
    private static final String OURS = "+16502530000";
    private static final String PERSON = "+14155552671";

    @TempDir
    Path folder;

    private static PhoneNumber number(String e164) {
        return ((ParsedNumber.Valid) new PhoneNumberParser("US").parse(e164)).number();
    }

    @Test
    void lookingShowsTheThreadAndMarksNothingRead() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
        FakeGateway gateway = new FakeGateway(clock);
        try (Database database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock,
                Duration.ofDays(90))) {
            SqlInbox inbox = new SqlInbox(database, "AC1");
            ConversationService conversations = new ConversationService(gateway, List.of(number(OURS)), inbox,
                    new SqlSendJournal(database), "AC1", clock, Duration.ofDays(90));
            MessageRecord reply = gateway.receive(PERSON, OURS, "<b>yes</b>");
            clock.advance(Duration.ofMinutes(1));

            Conversation looked = conversations.look(number(PERSON), 20);

            assertEquals(List.of("<b>yes</b>"), looked.messages().stream().map(MessageRecord::body).toList());
            assertEquals(Set.of(reply.sid()), inbox.unread(List.of(reply.sid())), "still unread for the model");
            conversations.with(number(PERSON), 20);
            assertEquals(Set.of(), inbox.unread(List.of(reply.sid())), "read once the model reads the thread");
        }
    }
}
