package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    @TempDir
    Path dir;

    private Database open(Path file) {
        return new Database(DatabaseLocation.ofFile(file), Clock.fixed(START, ZoneOffset.UTC),
                Database.DEFAULT_RETENTION);
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static int rows(Database db, String table) throws StoreUnavailable {
        return db.read(c -> count(c, table));
    }

    private static int count(Connection c, String table) throws SQLException {
        return Integer.parseInt(text(c, "SELECT count(*) FROM " + table));
    }

    @Test
    void processesOpeningANewFileAtTheSameMomentAllOpenIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                Path file = dir.resolve("race-" + round + ".db");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> opened = new ArrayList<>();
                for (int process = 0; process < 4; process++) {
                    opened.add(pool.submit(() -> {
                        go.await();
                        try (Database db = open(file)) {
                            return rows(db, "sends");
                        }
                    }));
                }
                go.countDown();
                for (Future<Integer> each : opened) {
                    assertEquals(0, each.get(30, TimeUnit.SECONDS), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constructionTouchesNothing() {
        Path file = dir.resolve("not-yet").resolve("messages.db");

        try (Database db = open(file)) {
            assertFalse(Files.exists(file.getParent()));
        }
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void firstUseCreatesFoldersAndTheLatestSchema() throws Exception {
        Path file = dir.resolve("a").resolve("b").resolve("messages.db");

        try (Database db = open(file)) {
            assertEquals(String.valueOf(Migrations.latest()), db.read(c -> text(c, "PRAGMA user_version")));
            assertEquals("wal", db.read(c -> text(c, "PRAGMA journal_mode")));
            assertEquals("1", db.read(c -> text(c, "PRAGMA foreign_keys")));
            assertEquals(0, rows(db, "sends"));
            assertEquals(0, rows(db, "inbound"));
        }
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() throws Exception {
        Path file = dir.resolve("messages.db");
        try (Database db = open(file)) {
            db.write(c -> update(c, insertInbound("SM1", "hi", START)));
        }

        try (Database db = open(file)) {
            assertEquals(String.valueOf(Migrations.latest()), db.read(c -> text(c, "PRAGMA user_version")));
            assertEquals("hi", db.read(c -> text(c, "SELECT body FROM inbound WHERE sid = 'SM1'")));
        }
    }

    @Test
    void failedWorkRollsBack() throws Exception {
        try (Database db = open(dir.resolve("messages.db"))) {
            assertThrows(StoreUnavailable.class, () -> db.write(c -> {
                update(c, insertInbound("SM1", "hi", START));
                return update(c, "INSERT INTO no_such_table VALUES (1)");
            }));

            assertEquals(0, rows(db, "inbound"));
        }
    }

    @Test
    void corruptFileIsReportedAndRetriedOnNextUse() throws Exception {
        Path file = dir.resolve("messages.db");
        byte[] junk = new byte[8192];
        new Random(7).nextBytes(junk);
        Files.write(file, junk);

        try (Database db = open(file)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> db.read(c -> count(c, "sends")));

            assertEquals(file.toString(), e.location());
            assertTrue(e.describe().contains(file.toString()), e.describe());
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());

            Files.delete(file);
            assertEquals(0, rows(db, "sends"));
        }
    }

    @Test
    void textFileIsNotADatabase() throws Exception {
        Path file = dir.resolve("messages.db");
        Files.writeString(file, "this is not a database, it is a shopping list\n".repeat(200),
                StandardCharsets.UTF_8);

        try (Database db = open(file)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> db.write(c -> count(c, "sends")));

            assertTrue(e.getMessage().contains("not a database or is corrupt"), e.getMessage());
        }
    }

    @Test
    void folderThatIsAFileIsReportedAndRetriedOnNextUse() throws Exception {
        Path blocker = dir.resolve("afile");
        Files.writeString(blocker, "in the way");
        Path file = blocker.resolve("messages.db");

        try (Database db = open(file)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> db.read(c -> count(c, "sends")));

            assertEquals(file.toString(), e.location());
            assertTrue(e.describe().contains(file.toString()), e.describe());
            assertTrue(e.getMessage().contains("not a folder"), e.getMessage());

            Files.delete(blocker);
            assertEquals(0, rows(db, "sends"));
            assertTrue(Files.isRegularFile(file));
        }
    }

    @Test
    void databaseFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("messages.db");
        try (Database db = open(file)) {
            db.read(c -> update(c, "PRAGMA user_version = 99"));
        }

        try (Database db = open(file)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> db.read(c -> count(c, "sends")));

            assertTrue(e.getMessage().contains("newer version"), e.getMessage());
        }
    }

    @Test
    void retentionForgetsBodiesButKeepsRows() throws Exception {
        Path file = dir.resolve("messages.db");
        MutableClock clock = new MutableClock(START);
        try (Database db = new Database(DatabaseLocation.ofFile(file), clock, Duration.ofDays(90))) {
            db.write(c -> update(c, insertSend("old", START)));
            clock.advance(Duration.ofDays(60));
            db.write(c -> update(c, insertSend("newer", clock.instant())));
            db.write(c -> update(c, insertInbound("SM1", "old reply", START)));
        }
        clock.advance(Duration.ofDays(31));

        try (Database db = new Database(DatabaseLocation.ofFile(file), clock, Duration.ofDays(90))) {
            assertEquals(2, rows(db, "sends"));
            assertNull(db.read(c -> text(c, "SELECT body FROM sends WHERE message_key = 'old'")));
            assertEquals("newer", db.read(c -> text(c, "SELECT body FROM sends WHERE message_key = 'newer'")));
            assertEquals(1, rows(db, "inbound"));
            assertNull(db.read(c -> text(c, "SELECT body FROM inbound WHERE sid = 'SM1'")));

            clock.advance(Duration.ofDays(60));
            db.write(c -> null);

            assertEquals(2, rows(db, "sends"));
            assertNull(db.read(c -> text(c, "SELECT body FROM sends WHERE message_key = 'newer'")));
        }
    }

    private static String body(Database db, String key) throws StoreUnavailable {
        return db.read(c -> text(c, "SELECT body FROM sends WHERE message_key = '" + key + "'"));
    }

    // A server may run for weeks: what expires meanwhile goes with the first write an hour after the last purge.
    @Test
    void anOpenDatabasePurgesOnWritesAtMostOnceAnHour() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (Database db = new Database(DatabaseLocation.ofFile(dir.resolve("messages.db")), clock, Duration.ofHours(2))) {
            db.write(c -> update(c, insertSend("first", START)));
            clock.advance(Duration.ofMinutes(30));
            db.write(c -> update(c, insertSend("second", clock.instant())));

            clock.advance(Duration.ofMinutes(100));
            db.write(c -> update(c, insertSend("third", clock.instant())));
            assertNull(body(db, "first"), "expired 10 minutes ago, and the last purge was at the open");
            assertEquals("second", body(db, "second"));

            clock.advance(Duration.ofMinutes(30));
            db.write(c -> update(c, insertSend("fourth", clock.instant())));
            assertEquals("second", body(db, "second"), "expired, but the last purge was 30 minutes ago");

            clock.advance(Duration.ofMinutes(30));
            db.read(c -> count(c, "sends"));
            assertEquals("second", body(db, "second"), "reads do not purge");
            db.write(c -> null);
            assertNull(body(db, "second"));
            assertEquals("fourth", body(db, "fourth"));
        }
    }

    private static String insertSend(String key, Instant at) {
        return "INSERT INTO sends (account, message_key, recipient, sender, body, media_count, state, owner_host,"
                + " owner_pid, owner_started, created_at, updated_at) VALUES ('AC1', '" + key + "', '+1', '+2', '"
                + key + "', 0, 'ACCEPTED', 'h', 1, 0, " + at.toEpochMilli() + ", " + at.toEpochMilli() + ")";
    }

    private static String insertInbound(String sid, String body, Instant at) {
        return "INSERT INTO inbound (sid, account, sender, recipient, body, media_urls, num_media, received_at,"
                + " stored_at) VALUES ('" + sid + "', 'AC1', '+1', '+2', '" + body + "', '', 0, " + at.toEpochMilli()
                + ", " + at.toEpochMilli() + ")";
    }

    @Test
    void memoryDatabaseKeepsDataBetweenCalls() throws Exception {
        try (Database db = new Database(DatabaseLocation.memory(), Clock.systemUTC(), Database.DEFAULT_RETENTION)) {
            db.write(c -> update(c, insertSend("k", START)));

            assertEquals(1, rows(db, "sends"));
            assertEquals(String.valueOf(Migrations.latest()), db.read(c -> text(c, "PRAGMA user_version")));
        }
    }

    @Test
    void onlyMemoryUrlsAreMemory() {
        assertTrue(Database.isMemory(DatabaseLocation.memory()));
        assertFalse(Database.isMemory(DatabaseLocation.ofFile(dir.resolve("messages.db"))));
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = open(dir.resolve("messages.db"));
        db.close();

        assertThrows(IllegalStateException.class, () -> db.read(c -> count(c, "sends")));
    }
}
