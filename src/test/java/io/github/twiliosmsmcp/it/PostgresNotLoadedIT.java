package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on SQLite loads nothing of PostgreSQL: not the driver (which the shaded jar registers as
 * a java.sql.Driver service), not the pool, not the store's own PostgreSQL classes, even after a
 * send that used the store.
 */
class PostgresNotLoadedIT {
    private static final List<String> POSTGRES = List.of("org.postgresql.", "com.zaxxer.hikari.",
            "io.github.twiliosmsmcp.store.PostgresDatabase", "io.github.twiliosmsmcp.store.PostgresMigrations");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aSendOnSqliteLoadsNoPostgresClass() throws Exception {
        Path classLog = dir.resolve("classes.log");
        try (RawSession session = RawSession.start(Map.of(), "-Xlog:class+load=info:file=" + classLog)) {
            session.send(RawSession.INITIALIZE);
            session.answer("\"init\"", Duration.ofSeconds(20));
            session.send(RawSession.INITIALIZED);
            session.send(RawSession.call("send", "send_sms", Map.of("to", "+14155552671", "message", "hello")));
            assertTrue(session.answer("\"send\"", Duration.ofSeconds(30)).toString().contains("[FINAL]"));

            List<String> classes = LazyStartIT.loaded(classLog);
            assertTrue(classes.stream().anyMatch(c -> c.startsWith("org.sqlite.")), "the send used SQLite: " + classLog);
            assertEquals(List.of(), classes.stream().filter(c -> POSTGRES.stream().anyMatch(c::startsWith)).toList());
        }
    }
}
