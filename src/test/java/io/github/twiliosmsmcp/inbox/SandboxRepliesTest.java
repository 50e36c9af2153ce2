package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.common.Sleeper;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.Telemetry;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sandbox.SandboxGateway;
import io.github.twiliosmsmcp.sms.MessageRecord;
import io.github.twiliosmsmcp.sms.OutgoingMessage;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlServicePresence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sandbox served by {@code serve}: the service beats, but the simulated carrier calls no webhook,
 * so a wait that read only the inbox would never see the sandbox's reply.
 */
class SandboxRepliesTest {
    private static final PhoneNumber PERSON = new PhoneNumber("+14155552671");
    private static final String ACCOUNT = "sandbox";

    @Test
    void aWaitBesideALiveServiceStillSeesTheSimulatedReply() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
        SandboxGateway gateway = new SandboxGateway(clock);
        try (Database database = new Database(DatabaseLocation.memory(), clock, Duration.ofDays(90))) {
            SqlServicePresence presence = new SqlServicePresence(database);
            // The service beats all along the wait, as its Beacon does.
            Sleeper sleeperBesideABeatingService = duration -> {
                clock.advance(duration);
                beat(presence, clock.instant());
                return true;
            };
            beat(presence, clock.instant());
            ReceiveService service = new ReceiveService(gateway, List.of(SandboxGateway.NUMBER),
                    new SqlInbox(database, ACCOUNT), presence, ACCOUNT, clock, sleeperBesideABeatingService,
                    Telemetry.NONE);
            gateway.create(new OutgoingMessage(PERSON, Optional.of(SandboxGateway.NUMBER), Optional.empty(), "Hello",
                    List.of(), Optional.empty()), Duration.ofSeconds(5));

            ReceiveReport report = service.receive(new ReceiveQuery(Optional.of(PERSON), Optional.empty(),
                    clock.instant().minusSeconds(60), 20, true, Duration.ofSeconds(30)), Progress.NONE);

            assertEquals(List.of("Sandbox reply: got your message \"Hello\""),
                    report.messages().stream().map(MessageRecord::body).toList());
            assertEquals(ReceiveReport.Mode.POLLING, report.mode());
        }
    }

    private static void beat(ServicePresence presence, Instant at) {
        try {
            presence.beat(ACCOUNT, new ServicePresence.Beat(at, Optional.empty(), Optional.empty()));
        } catch (StoreUnavailable e) {
            throw new AssertionError(e);
        }
    }
}
