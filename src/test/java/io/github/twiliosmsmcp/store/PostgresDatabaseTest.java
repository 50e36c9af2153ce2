package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.inbox.ServicePresence.Beat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is particular to the PostgreSQL store: the server going away and coming back, and how it is reached. */
class PostgresDatabaseTest {
    private static final Beat BEAT = new Beat(Instant.parse("2026-12-02T12:00:00Z"), Optional.empty(), Optional.empty());
    private final PostgresServer server = PostgresServer.shared();

    private static void assertNamesTheDatabaseButNotThePassword(StoreUnavailable e, String url, String password) {
        String shown = e.describe() + " " + e.location();
        assertTrue(shown.contains(url.replace("postgresql://postgres@127.0.0.1:", "postgresql://postgres@127.0.0.1:")),
                shown);
        assertFalse(shown.contains(password), "the password was shown: " + shown);
    }

    @Test
    void whileTheServerIsDownEveryUseFailsAndItRecoversByItselfWhenItReturns() throws Exception {
        String url = server.freshDatabaseUrl();
        try (PostgresDatabase database = new PostgresDatabase(
                DatabaseLocation.postgres(url, Optional.of(server.password())), Clock.systemUTC(), Duration.ofDays(90))) {
            SqlServicePresence presence = new SqlServicePresence(database);
            presence.beat("AC1", BEAT);

            server.stop();
            try {
                StoreUnavailable down = assertThrows(StoreUnavailable.class, () -> presence.lastBeat("AC1"));
                assertNamesTheDatabaseButNotThePassword(down, url, server.password());
                assertTrue(down.getMessage().contains("cannot be reached"), down.getMessage());
            } finally {
                server.start();
            }

            assertEquals(Optional.of(BEAT), presence.lastBeat("AC1"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        String url = server.freshDatabaseUrl();
        try (PostgresDatabase database = new PostgresDatabase(DatabaseLocation.postgres(url, Optional.of("not-the-password")),
                Clock.systemUTC(), Duration.ofDays(90))) {
            StoreUnavailable refused = assertThrows(StoreUnavailable.class,
                    () -> new SqlServicePresence(database).lastBeat("AC1"));

            assertNamesTheDatabaseButNotThePassword(refused, url, "not-the-password");
            assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
        }
    }

    // The test server has no TLS: a URL that requires it must not fall back to plain text.
    @Test
    void sslmodeIsHonoured() {
        String url = server.freshDatabaseUrl().replace("sslmode=disable", "sslmode=require");
        try (PostgresDatabase database = new PostgresDatabase(
                DatabaseLocation.postgres(url, Optional.of(server.password())), Clock.systemUTC(), Duration.ofDays(90))) {
            StoreUnavailable refused = assertThrows(StoreUnavailable.class,
                    () -> new SqlServicePresence(database).lastBeat("AC1"));

            assertTrue(refused.getMessage().contains("SSL"), refused.getMessage());
        }
    }
}
