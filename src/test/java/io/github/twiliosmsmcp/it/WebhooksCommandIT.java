package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeIncomingNumbers;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar twilio-sms-mcp.jar webhooks [--apply]} against a fake Twilio: it shows each
 * number's webhook and changes nothing, and with --apply changes exactly the numbers that differ.
 */
class WebhooksCommandIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final JavaRuntime JAVA = JavaRuntime.current();
    private static final String ACCOUNT = "AC" + "0".repeat(31) + "2";
    private static final String TOKEN = "fake-auth-token-webhooks-5d1a";
    private static final String OLD = "+16502530000";
    private static final String SET = "+16502530001";
    private static final String NONE = "+16502530002";
    private static final String NOT_OWNED = "+16502530009";
    private static final String PUBLIC_URL = "https://sms.example.com/";
    private static final String WEBHOOK = "https://sms.example.com/twilio/inbound";

    @TempDir
    Path dir;

    private FakeTwilioApi twilio;

    @BeforeEach
    void startFake() {
        twilio = FakeTwilioApi.start(ACCOUNT, TOKEN);
        List.of(OLD, SET, NONE).forEach(twilio::addOwnedNumber);
        twilio.incomingNumbers().setSmsWebhook(OLD, "https://old.example.com/sms", "GET");
        twilio.incomingNumbers().setSmsWebhook(SET, WEBHOOK, "POST");
    }

    @AfterEach
    void stopFake() {
        twilio.close();
    }

    private Map<String, String> env(String numbers, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", ACCOUNT,
                "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_PHONE_NUMBER", numbers,
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "SMS_PUBLIC_URL", PUBLIC_URL));
        env.putAll(extra);
        env.values().removeIf(String::isEmpty);
        return env;
    }

    private Map<String, String> env() {
        return env(String.join(",", OLD, SET, NONE), Map.of());
    }

    /** Runs the command; whatever happens, the auth token appears in none of its output. */
    private JavaRuntime.Finished webhooks(Map<String, String> env, String... args) {
        List<String> line = new ArrayList<>(List.of("-jar", ServerProcess.jar().toAbsolutePath().toString(), "webhooks"));
        line.addAll(List.of(args));
        JavaRuntime.Finished run = JAVA.run(LIMIT, dir, env, line.toArray(String[]::new));
        // The output is not quoted here: it would carry the token into the test report.
        assertFalse(run.stdout().contains(TOKEN) || run.stderr().contains(TOKEN), "the auth token was printed");
        return run;
    }

    private String sid(String number) {
        return twilio.incomingNumbers().get(number).sid();
    }

    private List<String> updatedSids() {
        return twilio.incomingNumbers().updates().stream().map(FakeIncomingNumbers.Update::sid).toList();
    }

    @Test
    void withoutApplyEachNumberIsShownAndNothingIsChanged() {
        JavaRuntime.Finished run = webhooks(env());

        assertEquals(0, run.exit(), run.stderr());
        String out = run.stdout();
        assertAll(
                () -> assertTrue(out.contains("should be POST " + WEBHOOK + " (SMS_PUBLIC_URL + /twilio/inbound)"), out),
                () -> assertTrue(out.contains(OLD + " (" + sid(OLD) + "): GET https://old.example.com/sms, to change"), out),
                () -> assertTrue(out.contains(SET + " (" + sid(SET) + "): POST " + WEBHOOK + ", already set"), out),
                () -> assertTrue(out.contains(NONE + " (" + sid(NONE) + "): no SMS webhook, to change"), out),
                () -> assertTrue(out.contains("status callbacks are not set on the numbers: the service asks for them"
                        + " with each message it sends"), out),
                () -> assertTrue(out.contains("2 numbers differ. Nothing was changed: run 'webhooks --apply'"), out),
                () -> assertEquals("", run.stderr()));
        assertEquals(List.of(), twilio.incomingNumbers().updates(), "nothing is changed without --apply");
        assertEquals("https://old.example.com/sms", twilio.incomingNumbers().get(OLD).smsUrl());
    }

    @Test
    void applyChangesExactlyTheNumbersThatDifferAndASecondApplyNothing() {
        JavaRuntime.Finished first = webhooks(env(), "--apply");

        assertEquals(0, first.exit(), first.stderr());
        assertEquals(List.of(sid(OLD), sid(NONE)), updatedSids());
        for (String number : List.of(OLD, SET, NONE)) {
            FakeIncomingNumbers.Number now = twilio.incomingNumbers().get(number);
            assertEquals(List.of(WEBHOOK, "POST"), List.of(now.smsUrl(), now.smsMethod()), number);
        }
        assertAll(
                () -> assertTrue(first.stdout().contains(OLD + " (" + sid(OLD) + "): GET https://old.example.com/sms,"
                        + " changed to POST " + WEBHOOK), first.stdout()),
                () -> assertTrue(first.stdout().contains(NONE + " (" + sid(NONE) + "): no SMS webhook, changed to POST "
                        + WEBHOOK), first.stdout()),
                () -> assertTrue(first.stdout().contains("Changed 2 numbers."), first.stdout()));

        JavaRuntime.Finished second = webhooks(env(), "--apply");

        assertEquals(0, second.exit(), second.stderr());
        assertEquals(2, twilio.incomingNumbers().updates().size(), "the second run changed something:\n" + second.stdout());
        assertTrue(second.stdout().contains("Nothing to change."), second.stdout());
        assertFalse(second.stdout().contains("changed to"), second.stdout());
    }

    @Test
    void aNumberNotInTheAccountIsNamedAndTheOthersAreStillApplied() {
        JavaRuntime.Finished run = webhooks(env(OLD + "," + NOT_OWNED, Map.of()), "--apply");

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stdout().contains(NOT_OWNED + ": not a number of this Twilio account"), run.stdout());
        assertTrue(run.stderr().contains("1 number in TWILIO_PHONE_NUMBER could not be found in account " + ACCOUNT),
                run.stderr());
        assertEquals(List.of(sid(OLD)), updatedSids());
    }

    @Test
    void withoutAPublicUrlItSaysWhatToSetAndAsksTwilioNothing() {
        JavaRuntime.Finished run = webhooks(env(OLD, Map.of("SMS_PUBLIC_URL", "")), "--apply");

        assertEquals(1, run.exit(), run.stdout());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("SMS_PUBLIC_URL is not set: set it to the https base URL at which Twilio"
                + " reaches the service"), run.stderr());
        assertEquals(List.of(), twilio.incomingNumbers().updates());
    }

    @Test
    void aPublicUrlThatIsNotHttpsIsRefused() {
        JavaRuntime.Finished run = webhooks(env(OLD, Map.of("SMS_PUBLIC_URL", "http://sms.example.com")), "--apply");

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stderr().contains("SMS_PUBLIC_URL must use https"), run.stderr());
        assertEquals(List.of(), twilio.incomingNumbers().updates());
    }

    @Test
    void theSandboxHasNothingToDo() {
        JavaRuntime.Finished run = webhooks(Map.of("SMS_PUBLIC_URL", PUBLIC_URL), "--apply");

        assertEquals(1, run.exit(), run.stdout());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("this is the sandbox") && run.stderr().contains("Nothing to do."), run.stderr());
    }

    @Test
    void wrongCredentialsAreExplainedInWordsAndChangeNothing() {
        JavaRuntime.Finished run = webhooks(env(OLD, Map.of("TWILIO_AUTH_TOKEN", "not-the-token")), "--apply");

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stderr().contains("Twilio refused to look up " + OLD + " with error 20003: Twilio rejected the"
                + " credentials"), run.stderr());
        assertFalse(run.stderr().contains("{") || run.stderr().contains("more_info"), "no raw answer:\n" + run.stderr());
        assertFalse(run.stderr().contains("not-the-token"), "the token given was printed");
        assertEquals(List.of(), twilio.incomingNumbers().updates());
    }

    @Test
    void anUnreachableTwilioIsSaidInWords() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        JavaRuntime.Finished run = webhooks(env(OLD, Map.of("TWILIO_API_BASE_URL", "http://127.0.0.1:" + closedPort)));

        assertEquals(1, run.exit(), run.stdout());
        assertTrue(run.stderr().contains("Twilio could not be reached to look up " + OLD), run.stderr());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        JavaRuntime.Finished run = webhooks(env(), "--aply");

        assertEquals(2, run.exit());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("the only option is --apply") && run.stderr().contains("Usage:"), run.stderr());
        assertEquals(List.of(), twilio.incomingNumbers().updates());
    }

    @Test
    void helpListsTheCommand() {
        JavaRuntime.Finished run = JAVA.run(LIMIT, dir, "-jar", ServerProcess.jar().toAbsolutePath().toString(), "--help");

        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains(" webhooks [--apply]"), run.stdout());
    }
}
