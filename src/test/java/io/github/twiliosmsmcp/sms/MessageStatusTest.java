package io.github.twiliosmsmcp.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which status report may replace which: the rule every store applies to status callbacks and polls. */
class MessageStatusTest {

    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource({
            "queued,      accepted,    true",
            "sending,     queued,      true",
            "sent,        sending,     true",
            "delivered,   sent,        true",
            "undelivered, sent,        true",
            "failed,      queued,      true",
            "canceled,    scheduled,   true",
            "read,        delivered,   true",
            "partially-delivered, sent, true",
            "delivered,   partially-delivered, true",
            "sent,        unknown,     true",
            "sent,        sent,        false",
            "delivered,   delivered,   false",
            "queued,      sent,        false",
            "sent,        delivered,   false",
            "sending,     failed,      false",
            "delivered,   undelivered, false",
            "undelivered, delivered,   false",
            "failed,      canceled,    false",
            "unknown,     queued,      false",
            "unknown,     unknown,     false",
            "delivered,   read,        false"})
    void aReportSupersedesOnlyAnEarlierStatus(String report, String known, boolean supersedes) {
        assertEquals(supersedes, MessageStatus.of(report).supersedes(MessageStatus.of(known)));
    }
}
