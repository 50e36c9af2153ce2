package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentRepliesTest {

    private static MessageRecord reply(String body) {
        return MessageRecord.builder("SM1", MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED)
                .from("+14155552671").to("+15005550006").body(body).dateSent(Instant.parse("2026-11-21T09:00:00Z"))
                .segments(Optional.of(1)).build();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "STOP            | true  | replied \"STOP\" (SM1)",
            "'  Stop.  '     | true  | replied \"Stop.\" (SM1)",
            "unsubscribe     | true  | replied \"unsubscribe\" (SM1)",
            "START           | false | replied \"START\" (SM1)",
            "yes             | false | replied \"yes\" (SM1)",
            "please stop     | none  | none",
            "STOP 2          | none  | none"})
    void aLoneKeywordChangesConsent(String body, Boolean optedOut, String source) {
        Optional<Inbox.ConsentChange> expected = optedOut == null
                ? Optional.empty()
                : Optional.of(new Inbox.ConsentChange(optedOut, source));

        assertEquals(expected, ConsentReplies.changeFor(reply(body)));
    }
}
