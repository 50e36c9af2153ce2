package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.inbox.ServicePresence;
import io.github.twiliosmsmcp.inbox.ServicePresence.Beat;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ServicePresence} must do, whatever stores it. */
public abstract class ServicePresenceContract extends StoreContract {
    private static final Optional<String> URL = Optional.of("https://sms.example.com");

    @Test
    void noServiceEverBeatForANewStore() throws Exception {
        assertEquals(Optional.empty(), open().presence().lastBeat("AC1"));
    }

    // Two handles stand for the webhook service and a stdio server sharing one store.
    @Test
    void aBeatOfTheServiceIsSeenByAnotherProcess() throws Exception {
        open().presence().beat("AC1", new Beat(START, URL, Optional.of(START.minusSeconds(3))));

        assertEquals(Optional.of(new Beat(START, URL, Optional.of(START.minusSeconds(3)))),
                open().presence().lastBeat("AC1"));
        assertEquals(Optional.empty(), open().presence().lastBeat("AC2"));
    }

    @Test
    void theLatestBeatReplacesTheOneBeforeButKeepsTheLastWebhook() throws Exception {
        ServicePresence presence = open().presence();
        presence.beat("AC1", new Beat(START, URL, Optional.of(START)));

        presence.beat("AC1", new Beat(START.plusSeconds(5), Optional.empty(), Optional.empty()));

        assertEquals(Optional.of(new Beat(START.plusSeconds(5), Optional.empty(), Optional.of(START))),
                presence.lastBeat("AC1"));
    }

    @Test
    void aServiceIsLiveUntilThreeBeatsAreMissed() {
        Beat beat = new Beat(START, URL, Optional.empty());

        assertTrue(beat.liveAt(START));
        assertTrue(beat.liveAt(START.plus(Duration.ofSeconds(15))));
        assertFalse(beat.liveAt(START.plus(Duration.ofSeconds(15)).plusMillis(1)));
    }
}
