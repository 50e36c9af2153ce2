package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every store's {@link Inbox#correspondents} must give: the review page's list of conversations. */
public abstract class CorrespondentsContract extends StoreContract {
    private static final String ACCOUNT = "AC1";
    private static final String OURS = "+15005550006";

    private static MessageRecord inbound(String sid, String from, Instant at) {
        return MessageRecord.builder(sid, MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED).from(from).to(OURS)
                .body("hello").dateSent(at).segments(Optional.of(1)).mediaCount(0).price(Optional.empty())
                .priceUnit(Optional.empty()).mediaUrls(List.of()).build();
    }

    private static void sent(Handle store, String account, String to, Instant at, boolean accepted) throws Exception {
        SendIntent intent = new SendIntent(account, "twilio", to, OURS, "text to " + to, List.of(), Optional.empty(), at,
                Duration.ZERO, new SendIntent.Owner("host-a", 1, START), BigDecimal.ZERO, false, Optional.empty());
        long id = ((SendJournal.Fresh) store.journal().claim(intent, facts -> new Decision.Allowed(BigDecimal.ZERO)))
                .id();
        if (accepted) {
            store.journal().accepted(id, MessageRecord.builder("SM" + to.substring(1), MessageRecord.Direction.OUTBOUND,
                    MessageStatus.SENT).from(OURS).to(to).body("text").dateSent(at).segments(Optional.of(1))
                    .mediaCount(0).price(Optional.empty()).priceUnit(Optional.empty()).mediaUrls(List.of()).build());
        } else {
            store.journal().notSent(id, "refused");
        }
    }

    @Test
    void unreadConversationsComeFirstThenTheMostRecent() throws Exception {
        Handle store = open();
        Inbox inbox = store.inbox(ACCOUNT);
        inbox.remember(List.of(inbound("SM1", "+14155550001", START), inbound("SM2", "+14155550001", START.plusSeconds(5)),
                inbound("SM3", "+14155550002", START.plusSeconds(1)), inbound("SM4", "+14155550003", START.plusSeconds(9))),
                message -> Optional.empty());
        inbox.markRead(List.of("SM4"));
        sent(store, ACCOUNT, "+14155550004", START.plusSeconds(20), true);
        sent(store, ACCOUNT, "+14155550005", START.plusSeconds(30), false);
        sent(store, "AC2", "+14155550006", START.plusSeconds(40), true);

        assertEquals(List.of(
                new Inbox.Correspondent("+14155550001", START.plusSeconds(5), 2),
                new Inbox.Correspondent("+14155550002", START.plusSeconds(1), 1),
                new Inbox.Correspondent("+14155550004", START.plusSeconds(20), 0),
                new Inbox.Correspondent("+14155550003", START.plusSeconds(9), 0)), inbox.correspondents(10));
        assertEquals(2, inbox.correspondents(2).size());
    }

    @Test
    void aSentReplyMakesTheConversationRecentButNotUnread() throws Exception {
        Handle store = open();
        Inbox inbox = store.inbox(ACCOUNT);
        inbox.remember(List.of(inbound("SM1", "+14155550001", START)), message -> Optional.empty());
        inbox.markRead(List.of("SM1"));
        sent(store, ACCOUNT, "+14155550001", START.plusSeconds(60), true);

        assertEquals(List.of(new Inbox.Correspondent("+14155550001", START.plusSeconds(60), 0)),
                inbox.correspondents(10));
    }
}
