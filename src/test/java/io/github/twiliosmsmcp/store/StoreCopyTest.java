package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.approval.Priority;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.Rules;
import io.github.twiliosmsmcp.autorespond.Trigger;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.PastSend;
import io.github.twiliosmsmcp.delivery.ProviderAttempt;
import io.github.twiliosmsmcp.delivery.SendIntent;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.SendJournal;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.inbox.ServicePresence;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.MessageStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A populated SQLite store copied into PostgreSQL: every row of every table arrives as it was, in
 * more than one batch; a second copy copies nothing; a row the target already had is left alone;
 * and the copied journal blocks a repeat of a copied send there.
 */
class StoreCopyTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Inbox.ConsentRule NO_CHANGE = message -> Optional.empty();
    private static final SendJournal.Gate ALLOW = facts -> new Decision.Allowed(BigDecimal.ONE);
    private static final ProviderAttempt FIRST_REFUSED = new ProviderAttempt("twilio",
            "Twilio refused it with error 21408: this Twilio account is not allowed to send SMS to that country");
    /** More than two batches, so that paging is covered. */
    private static final int INBOUND = 2 * StoreCopy.BATCH + 7;

    private final MutableClock clock = new MutableClock(AT);
    private Database sqlite;
    private DatabaseLocation target;
    private PostgresDatabase postgres;

    @BeforeEach
    void open(@TempDir Path folder) {
        sqlite = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock, Duration.ofDays(90));
        PostgresServer server = PostgresServer.shared();
        target = DatabaseLocation.postgres(server.freshDatabaseUrl(), Optional.of(server.password()));
        postgres = new PostgresDatabase(target, clock, Duration.ofDays(90));
    }

    @AfterEach
    void close() {
        sqlite.close();
        postgres.close();
    }

    private static SendIntent intent(String to, String text) {
        return new SendIntent("AC1", "twilio", to, "+15005550006", text, List.of(), Optional.empty(), AT,
                Duration.ofMinutes(10), new SendIntent.Owner("host-a", 4242, AT), BigDecimal.ONE, false, Optional.empty());
    }

    private static MessageRecord message(String sid, MessageRecord.Direction direction, MessageStatus status,
            String from, String to, String body) {
        return MessageRecord.builder(sid, direction, status).from(from).to(to).body(body).dateSent(AT)
                .segments(Optional.of(1)).mediaCount(0).price(Optional.of("-0.0079")).priceUnit(Optional.of("USD"))
                .mediaUrls(List.of()).build();
    }

    private void populate() throws Exception {
        SqlSendJournal journal = new SqlSendJournal(sqlite);
        long sent = ((SendJournal.Fresh) journal.claim(intent("+14155550001", "Sent"), ALLOW)).id();
        journal.accepted(sent, message("SMsent", MessageRecord.Direction.OUTBOUND, MessageStatus.DELIVERED,
                "+15005550006", "+14155550001", "Sent"));
        journal.notSent(((SendJournal.Fresh) journal.claim(intent("+14155550002", "Refused"), ALLOW)).id(), "21211");
        journal.unknown(((SendJournal.Fresh) journal.claim(intent("+14155550003", "Unknown"), ALLOW)).id(), "timeout");
        journal.claim(intent("+14155550004", "Pending"), ALLOW);
        long fellBack = ((SendJournal.Fresh) journal.claim(intent("+14155550005", "Fell back"), ALLOW)).id();
        journal.movedOn(fellBack, FIRST_REFUSED, "messagecentral", new BigDecimal("0.0030"));
        journal.accepted(fellBack, message("SMfell", MessageRecord.Direction.OUTBOUND, MessageStatus.SENT,
                "+15005550006", "+14155550005", "Fell back"));
        SqlInbox inbox = new SqlInbox(sqlite, "AC1");
        inbox.remember(IntStream.range(0, INBOUND).mapToObj(i -> message(String.format("SMin%04d", i),
                MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED, "+14155550001", "+15005550006", "reply " + i))
                .toList(), NO_CHANGE);
        inbox.markRead(List.of("SMin0001", "SMin0002"));
        journal.recipientOptedOut("AC1", "+14155550009", AT, "STOP in SMin0003");
        new SqlServicePresence(sqlite).beat("AC1", new ServicePresence.Beat(AT, Optional.of("https://sms.example.com"),
                Optional.of(AT)));
        new SqlTokenDigests(sqlite).keepIfAbsent("AC1", "ab".repeat(32));
        SqlStagedMessages staged = new SqlStagedMessages(sqlite);
        Staged first = staged.stage(staged("Approved, not sent yet"), AT, AT).message();
        staged.decide("AC1", first.id(), first.digest(), true, Optional.empty(), "ann", AT);
        Staged draft = staged.stage(staged("Draft"), AT, AT).message();
        staged.replace("AC1", draft.id(), staged("Edited draft"), "bob", AT);
        SqlAutoresponders rules = new SqlAutoresponders(sqlite);
        Rule hours = rules.add("AC1", new Rules.Draft(Trigger.of(Trigger.Match.KEYWORD, "hours"), "Open 9-17", true,
                Optional.empty(), Rule.Origin.PERSON), AT);
        rules.claim("AC1", new Rules.Reply("SMin0004", hours.id(), "+14155550001", AT),
                new Rules.Limits(Duration.ofHours(1), 3));
    }

    private static Staged staged(String body) {
        return new Staged(0, "AC1", SendRequest.Kind.SMS, "+14155550007", Optional.empty(), body, List.of(),
                Optional.empty(), Priority.NORMAL, Optional.of("note"), Optional.empty(), StagedState.PENDING,
                Optional.empty(), Optional.empty(), Optional.empty(), AT, AT.plus(Duration.ofDays(1)), 1, "GSM_7",
                new BigDecimal("0.0083"), Optional.empty());
    }

    private List<StoreCopy.Counted> copy() throws Exception {
        return new StoreCopy(sqlite, postgres).copy(counted -> { });
    }

    @Test
    void everyRowArrivesOnceAndASecondCopyCopiesNothing() throws Exception {
        populate();

        List<StoreCopy.Counted> first = copy();
        List<StoreCopy.Counted> second = copy();

        List<Long> expected = StoreCopy.tables().stream().map(table -> count(sqlite, table)).toList();
        assertEquals(expected, first.stream().map(StoreCopy.Counted::copied).toList());
        assertEquals(List.of(INBOUND + 2L, 5L, 1L, (long) INBOUND, 1L, 1L, 1L, 3L, 1L, 1L), expected);
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
                second.stream().map(StoreCopy.Counted::copied).toList());
        assertEquals(expected, second.stream().map(StoreCopy.Counted::alreadyThere).toList());
        for (String table : StoreCopy.tables()) {
            assertEquals(rows(sqlite, table), rows(postgres, table), table);
        }
        assertEquals(learnedOrder(sqlite), learnedOrder(postgres), "messages of one second keep their order");
    }

    @Test
    void aMoveToTheFallbackStaysWithItsSendThoughTheSendHasANewId() throws Exception {
        SqlSendJournal target = new SqlSendJournal(postgres);
        target.claim(intent("+14155550099", "The target's own send first"), ALLOW);
        populate();
        copy();

        PastSend copied = target.byMessageId("AC1", "SMfell").orElseThrow();

        assertEquals(List.of(FIRST_REFUSED), target.movedOn(copied.id()));
        assertEquals("messagecentral", copied.provider());
    }

    @Test
    void stagedMessagesKeepTheirIdsAndTheTargetStagesAfterThem() throws Exception {
        populate();
        copy();

        Staged next = new SqlStagedMessages(postgres).stage(staged("After the copy"), AT, AT).message();

        assertEquals(4, next.id(), "the copied ids 1 to 3 stay, so the journal's staged:<id> keys still name them");
        assertEquals(StagedState.APPROVED, new SqlStagedMessages(postgres).find("AC1", 1).orElseThrow().state());
    }

    @Test
    void aCopiedSendBlocksItsRepeatOnTheTarget() throws Exception {
        populate();
        copy();

        SendJournal.Claim again = new SqlSendJournal(postgres).claim(intent("+14155550001", "Sent"), ALLOW);

        assertEquals("SMsent", assertInstanceOf(SendJournal.Repeat.class, again).earlier().sid().orElseThrow());
    }

    @Test
    void aRowTheTargetAlreadyHasIsLeftAsItIs() throws Exception {
        populate();
        SqlInbox target = new SqlInbox(postgres, "AC1");
        target.remember(List.of(message("SMin0005", MessageRecord.Direction.INBOUND, MessageStatus.RECEIVED,
                "+14155550001", "+15005550006", "the target's own text")), NO_CHANGE);
        target.markRead(List.of("SMin0005"));

        List<StoreCopy.Counted> counts = copy();

        assertEquals(new StoreCopy.Counted("inbound", INBOUND - 1, 1), counts.get(3));
        assertEquals("the target's own text", target.find("SMin0005").orElseThrow().body());
        assertEquals(Set.of(), target.unread(List.of("SMin0005")));
    }

    @Test
    void aTargetWrittenByANewerVersionIsRefusedAndGetsNothing() throws Exception {
        populate();
        postgres.write(c -> {
            Rows.execute(c, "UPDATE schema_version SET version = " + (PostgresMigrations.latest() + 1));
            return null;
        });
        postgres.close();
        postgres = new PostgresDatabase(target, clock, Duration.ofDays(90));

        StoreUnavailable refused = assertThrows(StoreUnavailable.class, this::copy);

        assertTrue(refused.getMessage().contains("newer version"), refused.getMessage());
        assertEquals(0, rawCount("sends"));
    }

    /** Counted past the store, which refuses a newer schema. */
    private long rawCount(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user().orElseThrow(),
                target.password().orElseThrow()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(SqlStore store, String table) {
        return rows(store, table).size();
    }

    /** Every row as its columns by name, without the generated ids that differ between stores. */
    private static List<String> rows(SqlStore store, String table) {
        try {
            return store.read(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new TreeMap<>();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            String name = columns.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                            if (!name.equals("id") && !name.equals("seq") && !name.equals("send_id")) {
                                row.put(name, normalised(rs.getObject(i)));
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                return rows.stream().sorted().collect(Collectors.toList());
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** SQLite keeps flags and all numbers as integers; PostgreSQL as booleans, int4 and int8. */
    private static String normalised(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }

    private static List<String> learnedOrder(SqlStore store) throws Exception {
        return store.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT sid FROM learned ORDER BY seq")) {
                List<String> sids = new ArrayList<>();
                while (rs.next()) {
                    sids.add(rs.getString(1));
                }
                return sids;
            }
        });
    }
}
