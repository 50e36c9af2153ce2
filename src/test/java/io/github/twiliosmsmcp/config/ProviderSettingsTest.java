package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who sends, and MessageCentral's account: every way of getting them right or wrong, secrets never repeated. */
class ProviderSettingsTest {
    private static final String PASSWORD = "mc-Pa55word-never-shown";
    private static final Map<String, String> TWILIO = Map.of("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
            "TWILIO_AUTH_TOKEN", "token-never-shown", "TWILIO_PHONE_NUMBER", "+14155552671");
    private static final Map<String, String> MESSAGECENTRAL = Map.of("MC_CUSTOMER_ID", "C-1A2B3C4D5E6F708",
            "MC_PASSWORD", PASSWORD);

    private static Settings load(Map<String, String> first, Map<String, String> second, String... pairs) {
        Map<String, String> env = new HashMap<>(first);
        env.putAll(second);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Settings.load(new Environment(env));
    }

    private static String all(Settings settings) {
        return String.join("\n", settings.problems()) + "\n" + String.join("\n", settings.warnings());
    }

    @Test
    void twilioSendsAloneByDefault() {
        Settings settings = load(TWILIO, Map.of());

        assertEquals(new Providers("twilio", Optional.empty()), settings.providers());
        assertEquals(Optional.empty(), settings.messageCentral());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void messageCentralFirstWithTwilioAsFallback() {
        Settings settings = load(TWILIO, MESSAGECENTRAL, "SMS_PROVIDER", "MessageCentral", "SMS_FALLBACK_PROVIDER",
                " twilio ", "MC_SENDER_ID", "TABLES");

        assertEquals(List.of(), settings.problems());
        assertEquals(new Providers("messagecentral", Optional.of("twilio")), settings.providers());
        MessageCentralAccount account = settings.messageCentral().orElseThrow();
        assertEquals("C-1A2B3C4D5E6F708", account.customerId());
        assertEquals(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)), account.key());
        assertEquals(Optional.of("TABLES"), account.senderId());
        assertEquals(MessageCentralAccount.DEFAULT_BASE_URL, account.baseUrl());
        assertFalse(account.toString().contains(account.key()), account.toString());
        assertTrue(settings.twilio().isPresent());
        assertFalse(settings.sandbox());
    }

    @Test
    void theBase64PasswordWinsOverThePlainOne() {
        String key = Base64.getEncoder().encodeToString("the-other-one".getBytes(StandardCharsets.UTF_8));

        Settings settings = load(TWILIO, MESSAGECENTRAL, "SMS_FALLBACK_PROVIDER", "messagecentral",
                "MC_PASSWORD_BASE64", key);

        assertEquals(key, settings.messageCentral().orElseThrow().key());
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            SMS_PROVIDER          | vonage                 | SMS_PROVIDER must be twilio or messagecentral
            SMS_FALLBACK_PROVIDER | twilio                 | SMS_FALLBACK_PROVIDER must name another provider than SMS_PROVIDER
            SMS_FALLBACK_PROVIDER | sms; rm -rf /          | SMS_FALLBACK_PROVIDER must be none, twilio or messagecentral
            MC_PASSWORD_BASE64    | not*base64!            | MC_PASSWORD_BASE64 is not valid base64
            MC_API_BASE_URL       | http://mc.example.com  | MC_API_BASE_URL must use https unless it points at this machine
            MC_API_BASE_URL       | javascript:alert(1)    | MC_API_BASE_URL must be an absolute http(s) URL
            MC_API_BASE_URL       | https://mc.example/?x=1 | MC_API_BASE_URL must be an absolute http(s) URL
            """)
    void aWrongValueIsOneClearProblem(String name, String value, String problem) {
        Settings settings = load(TWILIO, MESSAGECENTRAL, "SMS_FALLBACK_PROVIDER", "messagecentral", name, value);

        assertEquals(1, settings.problems().size(), all(settings));
        assertTrue(settings.problems().get(0).startsWith(problem), all(settings));
        assertFalse(settings.sandbox());
    }

    @Test
    void messageCentralWithoutItsAccountSaysWhatIsMissing() {
        Settings settings = load(TWILIO, Map.of(), "SMS_PROVIDER", "messagecentral");

        assertEquals(2, settings.problems().size(), all(settings));
        assertTrue(settings.problems().get(0).startsWith("MC_CUSTOMER_ID is not set"), all(settings));
        assertTrue(settings.problems().get(1).startsWith("MC_PASSWORD is not set (or set MC_PASSWORD_BASE64)"),
                all(settings));
        assertEquals(Optional.empty(), settings.messageCentral());
    }

    @Test
    void twilioNamedAsFallbackNeedsTwilio() {
        Settings settings = load(MESSAGECENTRAL, Map.of(), "SMS_PROVIDER", "messagecentral", "SMS_FALLBACK_PROVIDER",
                "twilio");

        assertTrue(all(settings).contains("TWILIO_ACCOUNT_SID is not set"), all(settings));
    }

    @Test
    void messageCentralAloneSendsAndSaysItCannotReceive() {
        Map<String, String> env = new HashMap<>(MESSAGECENTRAL);
        env.put("SMS_PROVIDER", "messagecentral");
        env.put("SMS_AUTORESPONDERS", "on");

        Settings settings = Settings.load(new Environment(env));

        assertEquals(List.of(), settings.problems());
        assertTrue(all(settings).contains("offers no API to read incoming messages"), all(settings));
        assertTrue(all(settings).contains("autoresponders stay off"), all(settings));
        assertFalse(Settings.receives(new Environment(env)));
        assertFalse(Settings.autorespondersOn(new Environment(env)));
        assertEquals("sending through MessageCentral", Settings.describeMode(new Environment(env)));
    }

    @Test
    void messageCentralVariablesThatNoProviderNamesAreAWarningNotAProblem() {
        Settings settings = load(TWILIO, MESSAGECENTRAL);

        assertEquals(List.of(), settings.problems());
        assertTrue(all(settings).contains("they are not used"), all(settings));
        assertEquals(Optional.empty(), settings.messageCentral());
    }

    @Test
    void noProviderVariableIsTheSandboxWhicheverProvidersItPlays() {
        Settings settings = load(Map.of(), Map.of(), "SMS_PROVIDER", "messagecentral", "SMS_FALLBACK_PROVIDER", "twilio");

        assertTrue(settings.sandbox(), all(settings));
        assertEquals(new Providers("messagecentral", Optional.of("twilio")), settings.providers());
        assertTrue(Settings.receives(new Environment(Map.of("SMS_PROVIDER", "messagecentral"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"MC_PASSWORD_BASE64", "MC_PASSWORD"})
    void noProblemOrWarningRepeatsThePassword(String name) {
        Settings settings = load(TWILIO, Map.of("MC_CUSTOMER_ID", "C-1"), "SMS_PROVIDER", "messagecentral", name,
                PASSWORD + "*");

        assertFalse(all(settings).contains(PASSWORD), all(settings));
    }
}
