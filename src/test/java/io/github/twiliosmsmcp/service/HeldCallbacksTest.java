package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.SendJournal.Reported;
import io.github.twiliosmsmcp.sms.MessageStatus;
import io.github.twiliosmsmcp.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldCallbacksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
    private final ServiceMetrics metrics = new ServiceMetrics();
    /** What the journal answers for each message id; an id absent here is unknown to it. */
    private final Map<String, Reported> journal = new HashMap<>();
    private final List<String> reported = new ArrayList<>();
    private boolean storeDown;

    private final HeldCallbacks held = new HeldCallbacks(callback -> {
        if (storeDown) {
            throw new StoreUnavailable("/tmp/held.db", "locked", null);
        }
        reported.add(callback.messageId() + ":" + callback.status().twilioValue());
        return journal.getOrDefault(callback.messageId(), Reported.NO_SUCH_SEND);
    }, metrics, clock);

    private static HeldCallbacks.Callback callback(String id, String status) {
        return new HeldCallbacks.Callback(id, MessageStatus.of(status), Optional.empty(), "wh-000001");
    }

    @Test
    void aCallbackIsReportedAgainOnceTheSendIsRecordedAndThenLeaves() {
        assertTrue(held.hold(callback("SM1", "delivered")));
        held.retry();
        assertEquals(1, held.size(), "still unknown: still held");

        journal.put("SM1", Reported.RECORDED);
        held.retry();

        assertEquals(0, held.size());
        assertEquals(List.of("SM1:delivered", "SM1:delivered"), reported);
        assertTrue(metrics.scrape().contains("sms_status_callbacks_held_total{outcome=\"applied\"} 1.0"), metrics.scrape());
        assertTrue(metrics.scrape().contains("sms_status_callbacks_total{effect=\"recorded\",status=\"delivered\"} 1.0"));
    }

    @Test
    void everyHeldCallbackOfOneMessageIsReportedInTheOrderItCame() {
        held.hold(callback("SM2", "sent"));
        held.hold(callback("SM2", "delivered"));
        journal.put("SM2", Reported.RECORDED);

        held.retry();

        assertEquals(List.of("SM2:sent", "SM2:delivered"), reported);
        assertEquals(0, held.size());
    }

    @Test
    void aCallbackNoSendEverClaimsIsDroppedAfterTheHoldAndCountedAsUnknown() {
        held.hold(callback("SM3", "delivered"));
        clock.advance(HeldCallbacks.HOLD_FOR.minusMillis(1));
        held.retry();
        assertEquals(1, held.size(), "not yet expired");

        clock.advance(Duration.ofMillis(1));
        held.retry();

        assertEquals(0, held.size());
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("sms_status_callbacks_held_total{outcome=\"expired\"} 1.0"), scrape);
        assertTrue(scrape.contains("sms_status_callbacks_unknown_sid_total 1.0"), scrape);
    }

    @Test
    void aStoreThatCannotBeReadKeepsEveryCallbackForTheNextRound() {
        held.hold(callback("SM4", "delivered"));
        storeDown = true;
        clock.advance(HeldCallbacks.HOLD_FOR.plusSeconds(1));

        held.retry();
        assertEquals(1, held.size(), "nothing is dropped while the store cannot answer");

        storeDown = false;
        journal.put("SM4", Reported.OUT_OF_DATE);
        held.retry();
        assertEquals(0, held.size());
    }

    @Test
    void theHoldIsBoundedSoAFloodCannotGrowTheHeap() {
        for (int i = 0; i < HeldCallbacks.MAX_HELD; i++) {
            assertTrue(held.hold(callback("SMflood" + i, "sent")));
        }

        assertFalse(held.hold(callback("SMone-too-many", "sent")));

        assertEquals(HeldCallbacks.MAX_HELD, held.size());
        assertTrue(metrics.scrape().contains("sms_status_callbacks_held_total{outcome=\"dropped\"} 1.0"));
    }
}
