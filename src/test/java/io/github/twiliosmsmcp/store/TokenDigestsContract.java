package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link io.github.twiliosmsmcp.access.TokenDigests} must do, whatever stores it. */
public abstract class TokenDigestsContract extends StoreContract {
    private static final String DIGEST = "a".repeat(64);

    @Test
    void aNewStoreKeepsNoDigest() throws Exception {
        assertEquals(Optional.empty(), open().tokenDigests().find("AC1"));
    }

    // Two handles stand for two services starting at once on one store: the first digest stays.
    @Test
    void theFirstDigestKeptStaysAndEveryProcessSeesIt() throws Exception {
        assertTrue(open().tokenDigests().keepIfAbsent("AC1", DIGEST));

        assertFalse(open().tokenDigests().keepIfAbsent("AC1", "b".repeat(64)));
        assertEquals(Optional.of(DIGEST), open().tokenDigests().find("AC1"));
        assertEquals(Optional.empty(), open().tokenDigests().find("AC2"));
    }
}
