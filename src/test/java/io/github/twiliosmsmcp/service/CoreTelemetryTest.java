package io.github.twiliosmsmcp.service;

import static io.github.twiliosmsmcp.service.PrometheusText.value;
import static io.github.twiliosmsmcp.sms.FakeGateway.accepts;
import static io.github.twiliosmsmcp.sms.FakeGateway.rejects;
import static io.github.twiliosmsmcp.sms.FakeGateway.unreachable;
import static io.github.twiliosmsmcp.sms.MessageStatus.DELIVERED;
import static io.github.twiliosmsmcp.sms.MessageStatus.QUEUED;
import static io.github.twiliosmsmcp.sms.MessageStatus.SENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.MeasuredGateway;
import io.github.twiliosmsmcp.delivery.Route;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendLimits;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.delivery.Senders;
import io.github.twiliosmsmcp.inbox.ReceiveQuery;
import io.github.twiliosmsmcp.inbox.ReceiveService;
import io.github.twiliosmsmcp.phone.LibphonenumberTimeZones;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.PolicyCheck;
import io.github.twiliosmsmcp.sms.FakeGateway;
import io.github.twiliosmsmcp.store.Database;
import io.github.twiliosmsmcp.store.MutableClock;
import io.github.twiliosmsmcp.store.SqlInbox;
import io.github.twiliosmsmcp.store.SqlSendJournal;
import io.github.twiliosmsmcp.store.SqlServicePresence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the core reports through the service's metrics, in-process: real sends and receives on a
 * scripted gateway and a real store, counted by the real Micrometer registry, read back from the
 * Prometheus text that {@code /metrics} serves.
 */
class CoreTelemetryTest {
    private static final String OURS = "+16502530000";
    private static final String PERSON = "+14155552671";

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final ServiceMetrics metrics = new ServiceMetrics();
    private FakeGateway gateway;
    private Database database;

    @BeforeEach
    void wire() {
        gateway = new FakeGateway(clock);
        database = new Database(DatabaseLocation.ofFile(folder.resolve("messages.db")), clock, Duration.ofDays(90));
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A send's script, and the counts it must leave: series (name and labels) to value. */
    static Stream<Arguments> sends() {
        return Stream.of(
                Arguments.of("accepted, then two status looks to delivered",
                        (Consumer<FakeGateway>) g -> g.then(accepts(QUEUED, SENT, DELIVERED)), PERSON, Map.of(
                                "sms_sends_total{outcome=\"delivered\"}", 1.0,
                                "sms_provider_requests_seconds_count{operation=\"create\",provider=\"fake\",result=\"ok\"}", 1.0,
                                "sms_provider_requests_seconds_count{operation=\"fetch\",provider=\"fake\",result=\"ok\"}", 2.0,
                                "sms_polls_total{kind=\"send_status\"}", 2.0)),
                Arguments.of("a status look fails, the next one answers",
                        (Consumer<FakeGateway>) g -> g.then(accepts(QUEUED, DELIVERED)).failFetches(1), PERSON, Map.of(
                                "sms_sends_total{outcome=\"delivered\"}", 1.0,
                                "sms_provider_requests_seconds_count{operation=\"fetch\",provider=\"fake\",result=\"error\"}", 1.0,
                                "sms_provider_requests_seconds_count{operation=\"fetch\",provider=\"fake\",result=\"ok\"}", 1.0,
                                "sms_polls_total{kind=\"send_status\"}", 2.0)),
                Arguments.of("refused by the provider",
                        (Consumer<FakeGateway>) g -> g.then(rejects(400, 21211)), PERSON, Map.of(
                                "sms_sends_total{outcome=\"refused_by_twilio\"}", 1.0,
                                "sms_provider_requests_seconds_count{operation=\"create\",provider=\"fake\",result=\"error\"}", 1.0,
                                "sms_polls_total{kind=\"send_status\"}", 0.0)),
                Arguments.of("no answer after the request may have arrived",
                        (Consumer<FakeGateway>) g -> g.then(unreachable(true)), PERSON, Map.of(
                                "sms_sends_total{outcome=\"unknown\"}", 1.0,
                                "sms_sends_total{outcome=\"delivered\"}", 0.0,
                                "sms_provider_requests_seconds_count{operation=\"create\",provider=\"fake\",result=\"error\"}", 1.0)),
                Arguments.of("an invalid number never reaches the provider",
                        (Consumer<FakeGateway>) g -> {}, "12", Map.of(
                                "sms_sends_total{outcome=\"invalid_request\"}", 1.0,
                                "sms_polls_total{kind=\"send_status\"}", 0.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sends")
    void aSendIsCountedByOutcomeWithItsProviderCallsAndStatusPolls(String name, Consumer<FakeGateway> script,
            String to, Map<String, Double> expected) {
        script.accept(gateway);

        sender().send(new SendRequest(SendRequest.Kind.SMS, to, Optional.empty(), "See you at 3", List.of(),
                Optional.empty(), Optional.empty()), Progress.NONE);

        String scrape = metrics.scrape();
        expected.forEach((series, value) -> assertEquals(value, value(scrape, series), series + " in\n" + scrape));
    }

    @Test
    void aWaitingReceiveCountsEachInboxListAndItsLatency() {
        gateway.receive(PERSON, OURS, "CONFIRM");

        receiver().receive(new ReceiveQuery(Optional.of(number(PERSON)), Optional.empty(),
                clock.instant().minus(Duration.ofDays(7)), 20, true, Duration.ofSeconds(5)), Progress.NONE);
        receiver().receive(new ReceiveQuery(Optional.of(number(PERSON)), Optional.empty(),
                clock.instant().minus(Duration.ofDays(7)), 20, true, Duration.ofSeconds(3)), Progress.NONE);

        String scrape = metrics.scrape();
        double lists = value(scrape, "sms_polls_total{kind=\"inbox\"}");
        assertTrue(lists >= 3, "the first call lists once, the second waits 3 s and lists again: " + scrape);
        assertEquals(lists, value(scrape, "sms_provider_requests_seconds_count{operation=\"list\",provider=\"fake\",result=\"ok\"}"),
                scrape);
        assertEquals(lists, value(scrape, "sms_provider_requests_seconds_bucket{operation=\"list\",provider=\"fake\",result=\"ok\","
                + "le=\"+Inf\"}"), "the latency is a histogram: " + scrape);
    }

    private SendService sender() {
        PhoneNumberParser parser = new PhoneNumberParser("US");
        Settings settings = Settings.load(new Environment(Map.of("SMS_QUIET_HOURS", "off")));
        return new SendService(Route.of(new MeasuredGateway(gateway, metrics)), new Senders(List.of(number(OURS)),
                Optional.empty()), parser, new SendLimits(Duration.ofSeconds(20), 10, Duration.ofMinutes(10)),
                new SqlSendJournal(database), new PolicyCheck(settings.policy(), new LibphonenumberTimeZones()),
                "AC1", Optional.empty(), clock, this::advance, metrics);
    }

    private ReceiveService receiver() {
        return new ReceiveService(new MeasuredGateway(gateway, metrics), List.of(number(OURS)),
                new SqlInbox(database, "AC1"), new SqlServicePresence(database), "AC1", clock, this::advance,
                metrics);
    }

    private boolean advance(Duration duration) {
        clock.advance(duration);
        return true;
    }

    private static PhoneNumber number(String e164) {
        return ((ParsedNumber.Valid) new PhoneNumberParser("US").parse(e164)).number();
    }
}
