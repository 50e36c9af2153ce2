package io.github.twiliosmsmcp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Decision;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.PostgresDatabase;
import io.github.twiliosmsmcp.store.PostgresServer;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that died mid-send on a PostgreSQL store shared by several machines: its pending intent
 * blocks the twin while its lease runs, and once the lease has run out the twin is reconciled
 * against the provider's list, never sent again. No process table can tell this: the writer is
 * another machine.
 */
class LeasedIntentTest {
    private static final String TO = "+14155552671";
    private static final String TEXT = "Your table is ready";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private FakeGateway gateway;
    private PostgresDatabase database;
    private SendService hostA;

    @BeforeEach
    void wire() {
        PostgresServer server = PostgresServer.shared();
        database = new PostgresDatabase(DatabaseLocation.postgres(server.freshDatabaseUrl(),
                Optional.of(server.password())), clock, Duration.ofDays(90));
        gateway = new FakeGateway(clock);
        PhoneNumberParser parser = new PhoneNumberParser("US");
        Settings settings = Settings.load(new Environment(Map.of("SMS_QUIET_HOURS", "off")));
        hostA = new SendService(Route.of(gateway), new Senders(List.of(((ParsedNumber.Valid) parser.parse("+16502530000")).number()),
                Optional.empty()), parser, new SendLimits(Duration.ZERO, 10, Duration.ofMinutes(10)),
                new SqlSendJournal(database), new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()), "AC1",
                Optional.empty(), clock, duration -> true, Telemetry.NONE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Host B claims the same message and dies before its create call: the intent stays pending. */
    private long hostBDiesMidSend() throws Exception {
        SendIntent intent = new SendIntent("AC1", gateway.provider().name(), TO, "+16502530000", TEXT, List.of(), Optional.empty(),
                clock.instant(), Duration.ofMinutes(10), new SendIntent.Owner("host-b", 4242, clock.instant()),
                BigDecimal.ONE, false, Optional.empty());
        return assertInstanceOf(SendJournal.Fresh.class, new SqlSendJournal(database)
                .claim(intent, facts -> new Decision.Allowed(BigDecimal.ONE))).id();
    }

    private SendReport sendOnHostA() {
        return hostA.send(new SendRequest(SendRequest.Kind.SMS, TO, Optional.empty(), TEXT, List.of(), Optional.empty(),
                Optional.empty()), Progress.NONE);
    }

    @Test
    void whileTheLeaseRunsTheTwinIsBeingSentElsewhere() throws Exception {
        hostBDiesMidSend();
        clock.advance(Duration.ofSeconds(29));

        SendReport twin = sendOnHostA();

        assertEquals(Outcome.NOT_SENT_AGAIN, twin.outcome());
        assertTrue(twin.summary().contains("being sent right now"), twin.summary());
        assertEquals(0, gateway.creates().size());
    }

    @Test
    void onceTheLeaseRanOutTheTwinIsReconciledAndNeverSent() throws Exception {
        long id = hostBDiesMidSend();
        clock.advance(Duration.ofSeconds(31));

        SendReport twin = sendOnHostA();

        assertEquals(Outcome.NOT_SENT_AGAIN, twin.outcome());
        assertTrue(twin.summary().contains("its outcome is unknown"), twin.summary());
        assertEquals(0, gateway.creates().size());
        PastSend recorded = new SqlSendJournal(database).claim(new SendIntent("AC1", "twilio", TO, "+16502530000", TEXT,
                List.of(), Optional.empty(), clock.instant(), Duration.ofMinutes(10), SendIntent.Owner.current(),
                BigDecimal.ONE, false, Optional.empty()), facts -> new Decision.Allowed(BigDecimal.ONE)) instanceof
                SendJournal.Repeat repeat ? repeat.earlier() : null;
        assertEquals(id, recorded.id());
        assertEquals(PastSend.State.UNKNOWN, recorded.state());
    }

    @Test
    void aRenewedLeaseKeepsTheTwinBlocked() throws Exception {
        long id = hostBDiesMidSend();
        clock.advance(Duration.ofSeconds(20));
        new SqlSendJournal(database).renew(id);
        clock.advance(Duration.ofSeconds(20));

        SendReport twin = sendOnHostA();

        assertTrue(twin.summary().contains("being sent right now"), twin.summary());
        assertEquals(0, gateway.creates().size());
    }
}
