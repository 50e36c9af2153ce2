package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    private static final String HEX32 = "0123456789abcdef0123456789abcdef";
    private static final String SID = "AC" + HEX32;
    private static final String KEY = "SK" + HEX32;
    private static final String SERVICE = "MG" + HEX32;
    // Distinctive enough that finding it anywhere in output can only mean it leaked.
    private static final String TOKEN = "zq7-T0KEN-must-not-leak-4f1e";
    private static final String NUMBER = "+14155552671";

    /** Builds settings from name/value pairs. */
    private static Settings load(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Settings.load(new Environment(env));
    }

    /** A valid Twilio configuration plus the given overrides. */
    private static Settings loadTwilio(String... overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                Settings.ACCOUNT_SID, SID,
                Settings.AUTH_TOKEN, TOKEN,
                Settings.PHONE_NUMBER, NUMBER));
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return Settings.load(new Environment(env));
    }

    private static String problemsOf(Settings settings) {
        return String.join("\n", settings.problems());
    }

    private static void assertOneProblemContaining(Settings settings, String... fragments) {
        assertEquals(1, settings.problems().size(), () -> "problems: " + settings.problems());
        String problem = settings.problems().get(0);
        for (String fragment : fragments) {
            assertTrue(problem.contains(fragment), () -> "expected '" + fragment + "' in: " + problem);
        }
        // A misconfigured account must never be half-usable.
        assertEquals(Optional.empty(), settings.twilio());
        assertFalse(settings.sandbox());
    }

    private static TwilioAccount accountOf(Settings settings) {
        assertEquals(List.of(), settings.problems());
        return settings.twilio().orElseThrow(() -> new AssertionError("no Twilio account in " + settings));
    }

    // ---- sandbox and defaults ----

    /** Sends name the service's status path; a public URL that is not valid costs only the callbacks. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                          | ''                                           | ''",
        "https://sms.example.com/    | https://sms.example.com/twilio/status        | ''",
        "https://example.com/sms     | https://example.com/sms/twilio/status        | ''",
        "http://sms.example.com      | ''                                           | SMS_PUBLIC_URL must use https",
    })
    void thePublicUrlGivesTheStatusCallback(String publicUrl, String callback, String warning) {
        Settings settings = loadTwilio("SMS_PUBLIC_URL", publicUrl);

        assertEquals(callback.isEmpty() ? Optional.empty() : Optional.of(URI.create(callback)), settings.statusCallback());
        assertEquals(List.of(), settings.problems());
        assertEquals(!warning.isEmpty(), settings.warnings().stream().anyMatch(w -> w.startsWith(warning)
                && w.endsWith("sends ask Twilio for no status callbacks")), settings.warnings().toString());
    }

    @Test
    void noTwilioVariableMeansSandboxWithDefaults() {
        Settings settings = load();

        assertAll(
                () -> assertTrue(settings.sandbox()),
                () -> assertEquals(Optional.empty(), settings.twilio()),
                () -> assertEquals(List.of(), settings.problems()),
                () -> assertEquals(List.of(), settings.warnings()),
                () -> assertEquals(Duration.ofSeconds(20), settings.statusWait()),
                () -> assertEquals(10, settings.maxSegments()),
                () -> assertEquals(Optional.of("US"), settings.phoneNumbers().defaultRegion()));
    }

    @Test
    void unexpandedPlaceholdersEverywhereStillMeanSandbox() {
        Settings settings = load(
                Settings.ACCOUNT_SID, "${TWILIO_ACCOUNT_SID}",
                Settings.AUTH_TOKEN, "${TWILIO_AUTH_TOKEN}",
                Settings.PHONE_NUMBER, "",
                Settings.API_BASE_URL, "  ");

        assertTrue(settings.sandbox());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void unrelatedVariablesDoNotLeaveSandbox() {
        Settings settings = load(Settings.STATUS_WAIT_SECONDS, "5", Settings.DEFAULT_REGION, "GB", "PATH", "/usr/bin");

        assertTrue(settings.sandbox());
        assertEquals(Duration.ofSeconds(5), settings.statusWait());
    }

    // ---- credentials ----

    @Test
    void onlyAccountSidNamesTheMissingTokenAndNumber() {
        Settings settings = load(Settings.ACCOUNT_SID, SID);

        String problems = problemsOf(settings);
        assertAll(
                () -> assertFalse(settings.sandbox()),
                () -> assertEquals(Optional.empty(), settings.twilio()),
                () -> assertEquals(2, settings.problems().size(), problems),
                () -> assertTrue(problems.contains(Settings.AUTH_TOKEN), problems),
                () -> assertTrue(problems.contains(Settings.PHONE_NUMBER), problems));
    }

    @Test
    void onlyAuthTokenNamesTheMissingAccountSid() {
        Settings settings = load(Settings.AUTH_TOKEN, TOKEN, Settings.PHONE_NUMBER, NUMBER);

        assertOneProblemContaining(settings, Settings.ACCOUNT_SID, "AC");
    }

    // LibreChat passes ${VAR} on as text when VAR is missing from its .env: say so, not just "not set".
    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            TWILIO_AUTH_TOKEN   | ${TWILIO_AUTH_TOKEN}  | ${TWILIO_AUTH_TOKEN}
            TWILIO_AUTH_TOKEN   | ' ${AUTH} '           | ${AUTH}
            TWILIO_ACCOUNT_SID  | ${TWILIO_ACCOUNT_SID} | ${TWILIO_ACCOUNT_SID}
            TWILIO_PHONE_NUMBER | ${TWILIO_PHONE}       | ${TWILIO_PHONE}
            TWILIO_AUTH_TOKEN   | ${not a name}         | ${...}
            """)
    void anUnexpandedPlaceholderIsNamedAsSuch(String variable, String value, String shown) {
        Settings settings = loadTwilio(variable, value);

        assertOneProblemContaining(settings, variable + " looks like an unexpanded placeholder (" + shown + ")");
    }

    @Test
    void completeConfigurationGivesAnAccount() {
        TwilioAccount account = accountOf(loadTwilio());

        assertAll(
                () -> assertEquals(SID, account.accountSid()),
                () -> assertEquals(SID, account.username()),
                () -> assertEquals(TOKEN, account.secret()),
                () -> assertEquals(List.of(new PhoneNumber(NUMBER)), account.phoneNumbers()),
                () -> assertEquals(Optional.empty(), account.messagingServiceSid()),
                () -> assertEquals(Optional.empty(), account.apiBaseUrl()));
    }

    @Test
    void upperCaseHexInSidsIsAccepted() {
        TwilioAccount account = accountOf(loadTwilio(Settings.ACCOUNT_SID, "AC" + HEX32.toUpperCase()));

        assertEquals("AC" + HEX32.toUpperCase(), account.accountSid());
    }

    @Test
    void apiKeyAndSecretAreTheCredentialsWhenGiven() {
        TwilioAccount account = accountOf(loadTwilio(Settings.API_KEY, KEY, Settings.API_SECRET, "key-secret"));

        // Requests authenticate as the key, but URLs still need the account SID.
        assertAll(
                () -> assertEquals(SID, account.accountSid()),
                () -> assertEquals(KEY, account.username()),
                () -> assertEquals("key-secret", account.secret()));
    }

    @Test
    void apiKeyWithoutSecretIsAProblem() {
        Settings settings = load(Settings.ACCOUNT_SID, SID, Settings.API_KEY, KEY, Settings.PHONE_NUMBER, NUMBER);

        assertOneProblemContaining(settings, Settings.API_SECRET, "not set");
    }

    @Test
    void apiSecretWithoutKeyIsAProblem() {
        Settings settings = load(Settings.ACCOUNT_SID, SID, Settings.API_SECRET, "s", Settings.PHONE_NUMBER, NUMBER);

        assertOneProblemContaining(settings, Settings.API_KEY, "not set");
    }

    static Stream<Arguments> malformedSids() {
        return Stream.of(
                Arguments.of(Settings.ACCOUNT_SID, "AC123", "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, "AC" + HEX32 + "0", "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, "AC" + HEX32.substring(1), "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, "AC" + "g".repeat(32), "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, "ac" + HEX32, "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, KEY, "AC followed by 32"),
                Arguments.of(Settings.ACCOUNT_SID, "AC " + HEX32, "AC followed by 32"),
                Arguments.of(Settings.API_KEY, "SK123", "SK followed by 32"),
                Arguments.of(Settings.API_KEY, SID, "SK followed by 32"),
                Arguments.of(Settings.API_KEY, "SK" + HEX32 + "ff", "SK followed by 32"),
                Arguments.of(Settings.MESSAGING_SERVICE_SID, "MG12", "MG followed by 32"),
                Arguments.of(Settings.MESSAGING_SERVICE_SID, SID, "MG followed by 32"),
                Arguments.of(Settings.MESSAGING_SERVICE_SID, "MG" + "z".repeat(32), "MG followed by 32"));
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @MethodSource("malformedSids")
    void malformedSidsAreNamed(String variable, String value, String expected) {
        // An API key also needs its secret, so give one to keep the SID the only fault.
        Settings settings = loadTwilio(variable, value, Settings.API_SECRET, "s");

        assertOneProblemContaining(settings, variable, expected);
    }

    // ---- phone numbers and messaging service ----

    @Test
    void severalNumbersAreParsedAndDuplicatesDropped() {
        TwilioAccount account = accountOf(loadTwilio(
                Settings.PHONE_NUMBER, "+14155552671, (212) 736-5000, +1 415 555 2671,"));

        assertEquals(List.of(new PhoneNumber("+14155552671"), new PhoneNumber("+12127365000")),
                account.phoneNumbers());
    }

    @Test
    void invalidNumberInTheListIsNamed() {
        Settings settings = loadTwilio(Settings.PHONE_NUMBER, "+14155552671, 12");

        assertOneProblemContaining(settings, Settings.PHONE_NUMBER, "not valid", "too short");
    }

    @Test
    void messagingServiceAloneIsEnough() {
        Settings settings = load(
                Settings.ACCOUNT_SID, SID, Settings.AUTH_TOKEN, TOKEN, Settings.MESSAGING_SERVICE_SID, SERVICE);

        TwilioAccount account = accountOf(settings);
        assertAll(
                () -> assertEquals(List.of(), account.phoneNumbers()),
                () -> assertEquals(Optional.of(SERVICE), account.messagingServiceSid()),
                () -> assertFalse(settings.sandbox()));
    }

    @Test
    void neitherNumberNorServiceIsAProblem() {
        Settings settings = load(Settings.ACCOUNT_SID, SID, Settings.AUTH_TOKEN, TOKEN);

        assertOneProblemContaining(settings, Settings.PHONE_NUMBER, Settings.MESSAGING_SERVICE_SID);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {",", " , ,", ",,,"})
    void numberListWithNoNumberIsAProblem(String list) {
        Settings settings = loadTwilio(Settings.PHONE_NUMBER, list);

        assertOneProblemContaining(settings, Settings.PHONE_NUMBER);
    }

    // ---- API base URL ----

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:8080                | http://127.0.0.1:8080
            http://127.0.0.1:8080/               | http://127.0.0.1:8080
            http://localhost:4010/               | http://localhost:4010
            http://[::1]:8080                    | http://[::1]:8080
            https://proxy.example.com            | https://proxy.example.com
            https://proxy.example.com/           | https://proxy.example.com
            https://proxy.example.com/twilio/    | https://proxy.example.com/twilio
            https://10.0.0.5:8443                | https://10.0.0.5:8443
            """)
    void acceptedBaseUrls(String raw, String expected) {
        TwilioAccount account = accountOf(loadTwilio(Settings.API_BASE_URL, raw));

        assertEquals(Optional.of(URI.create(expected)), account.apiBaseUrl());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://proxy.example.com              | must use https
            http://10.0.0.5:8080                  | must use https
            http://localhost.example.com          | must use https
            ftp://x                               | absolute http(s) URL
            ftp://proxy.example.com/twilio        | absolute http(s) URL
            /relative/path                        | absolute http(s) URL
            proxy.example.com                     | absolute http(s) URL
            https://proxy.example.com/?a=1        | no query
            https://proxy.example.com/x#part      | no query
            https://                              | not a valid URL
            not a url                             | not a valid URL
            """)
    void refusedBaseUrls(String raw, String expected) {
        Settings settings = loadTwilio(Settings.API_BASE_URL, raw);

        assertOneProblemContaining(settings, Settings.API_BASE_URL, expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://127.attacker.example", "http://127.0.0.1.nip.io:8080"})
    void hostNamesThatOnlyLookLikeLoopbackMustUseHttps(String raw) {
        Settings settings = loadTwilio(Settings.API_BASE_URL, raw);

        assertOneProblemContaining(settings, Settings.API_BASE_URL, "must use https");
    }

    // ---- numeric settings ----

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}s")
    @CsvSource({"0, 0", "1, 1", "20, 20", "45, 45", "' 30 ', 30"})
    void statusWaitWithinRange(String raw, int seconds) {
        Settings settings = load(Settings.STATUS_WAIT_SECONDS, raw);

        assertEquals(Duration.ofSeconds(seconds), settings.statusWait());
        assertEquals(List.of(), settings.problems());
        assertEquals(List.of(), settings.warnings());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"46", "60", "3600", "2147483647"})
    void statusWaitAboveTheLimitIsCappedWithAWarning(String raw) {
        Settings settings = load(Settings.STATUS_WAIT_SECONDS, raw);

        assertEquals(Duration.ofSeconds(Settings.MAX_STATUS_WAIT_SECONDS), settings.statusWait());
        assertEquals(List.of(), settings.problems());
        assertEquals(1, settings.warnings().size(), () -> settings.warnings().toString());
        String warning = settings.warnings().get(0);
        assertTrue(warning.contains(Settings.STATUS_WAIT_SECONDS) && warning.contains(raw) && warning.contains("45"),
                warning);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            -1           | from 0
            abc          | whole number
            1.5          | whole number
            20s          | whole number
            99999999999  | whole number
            """)
    void badStatusWaitIsAProblemAndTheDefaultIsKept(String raw, String expected) {
        Settings settings = load(Settings.STATUS_WAIT_SECONDS, raw);

        assertEquals(Duration.ofSeconds(20), settings.statusWait());
        assertEquals(1, settings.problems().size(), () -> settings.problems().toString());
        String problem = settings.problems().get(0);
        assertTrue(problem.contains(Settings.STATUS_WAIT_SECONDS) && problem.contains(expected), problem);
        assertFalse(settings.sandbox(), "a misconfigured server must not pass for a healthy sandbox");
    }

    @Test
    void longJunkInANumericSettingIsCutShortInTheProblem() {
        Settings settings = load(Settings.STATUS_WAIT_SECONDS, "x".repeat(10_000));

        String problem = problemsOf(settings);
        assertTrue(problem.contains("..."), problem);
        assertTrue(problem.length() < 200, () -> "problem is " + problem.length() + " characters");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({"1, 1", "10, 10", "100, 100"})
    void maxSegmentsWithinRange(String raw, int expected) {
        Settings settings = load(Settings.MAX_SEGMENTS, raw);

        assertEquals(expected, settings.maxSegments());
        assertEquals(List.of(), settings.problems());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0     | from 1 to 100
            -3    | from 1 to 100
            101   | from 1 to 100
            ten   | whole number
            """)
    void badMaxSegmentsIsAProblemAndTheDefaultIsKept(String raw, String expected) {
        Settings settings = load(Settings.MAX_SEGMENTS, raw);

        assertEquals(10, settings.maxSegments());
        assertEquals(1, settings.problems().size(), () -> settings.problems().toString());
        String problem = settings.problems().get(0);
        assertTrue(problem.contains(Settings.MAX_SEGMENTS) && problem.contains(expected), problem);
    }

    // ---- default region ----

    @ParameterizedTest(name = "[{index}] region {0}")
    @ValueSource(strings = {"GB", "gb", " GB "})
    void defaultRegionMakesNationalNumbersParse(String region) {
        Settings settings = loadTwilio(Settings.DEFAULT_REGION, region, Settings.PHONE_NUMBER, "07400 123456");

        assertEquals(List.of(new PhoneNumber("+447400123456")), accountOf(settings).phoneNumbers());
        assertEquals(Optional.of("GB"), settings.phoneNumbers().defaultRegion());
    }

    @Test
    void nationalUkNumberIsRefusedUnderTheUsDefault() {
        Settings settings = loadTwilio(Settings.PHONE_NUMBER, "07400 123456");

        assertOneProblemContaining(settings, Settings.PHONE_NUMBER, "not valid");
    }

    @ParameterizedTest(name = "[{index}] region \"{0}\"")
    @ValueSource(strings = {"XX", "USA", "1", "ZZ"})
    void unknownRegionIsAProblemAndUsIsUsed(String region) {
        Settings settings = load(Settings.DEFAULT_REGION, region);

        assertEquals(1, settings.problems().size(), () -> settings.problems().toString());
        assertTrue(settings.problems().get(0).contains(Settings.DEFAULT_REGION), settings.problems().get(0));
        assertEquals(Optional.of("US"), settings.phoneNumbers().defaultRegion());
    }

    // ---- the mode the start-up log names ----

    @Test
    void modeWithoutTwilioVariablesIsTheSandbox() {
        assertTrue(Settings.describeMode(new Environment(Map.of())).startsWith("SANDBOX"));
    }

    @Test
    void modeWithAValidConfigurationIsTwilio() {
        assertEquals("sending through Twilio", Settings.describeMode(new Environment(Map.of(
                Settings.ACCOUNT_SID, SID, Settings.AUTH_TOKEN, TOKEN, Settings.PHONE_NUMBER, NUMBER))));
    }

    // Setup's placeholders for Claude Desktop, left as they are: every call would fail.
    @Test
    void modeWithPlaceholderCredentialsSaysTheConfigurationIsInvalidAndWhy() {
        String mode = Settings.describeMode(new Environment(Map.of(Settings.ACCOUNT_SID, "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                Settings.AUTH_TOKEN, "your_auth_token", Settings.PHONE_NUMBER, "+14155552671")));

        assertTrue(mode.startsWith("configuration invalid: "), mode);
        assertTrue(mode.contains(Settings.ACCOUNT_SID + " must be AC followed by 32 hexadecimal characters"), mode);
    }

    @Test
    void modeNamesEveryProblemOnOneLine() {
        String mode = Settings.describeMode(new Environment(Map.of(Settings.ACCOUNT_SID, "${TWILIO_ACCOUNT_SID}",
                Settings.AUTH_TOKEN, TOKEN)));

        assertTrue(mode.startsWith("configuration invalid: "), mode);
        assertTrue(mode.contains(Settings.ACCOUNT_SID) && mode.contains(Settings.PHONE_NUMBER), mode);
        assertFalse(mode.contains("\n"), mode);
    }

    // ---- the secret never shows ----

    static Stream<Arguments> configurationsHoldingTheToken() {
        return Stream.of(
                Arguments.of("valid", Map.of(
                        Settings.ACCOUNT_SID, SID, Settings.AUTH_TOKEN, TOKEN, Settings.PHONE_NUMBER, NUMBER)),
                Arguments.of("valid with api key", Map.of(
                        Settings.ACCOUNT_SID, SID, Settings.API_KEY, KEY, Settings.API_SECRET, TOKEN,
                        Settings.PHONE_NUMBER, NUMBER)),
                Arguments.of("everything else wrong", Map.of(
                        Settings.ACCOUNT_SID, "AC-bad", Settings.AUTH_TOKEN, TOKEN,
                        Settings.PHONE_NUMBER, "+1 555", Settings.MESSAGING_SERVICE_SID, "MG-bad",
                        Settings.API_BASE_URL, "http://proxy.example.com",
                        Settings.STATUS_WAIT_SECONDS, "600", Settings.MAX_SEGMENTS, "none",
                        Settings.DEFAULT_REGION, "XX")),
                Arguments.of("secret without key", Map.of(
                        Settings.ACCOUNT_SID, SID, Settings.API_SECRET, TOKEN, Settings.PHONE_NUMBER, NUMBER)),
                Arguments.of("no account sid", Map.of(Settings.AUTH_TOKEN, TOKEN)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("configurationsHoldingTheToken")
    void theTokenNeverAppearsInTextOutput(String description, Map<String, String> env) {
        Settings settings = Settings.load(new Environment(env));

        String shown = settings + "\n" + settings.twilio().map(TwilioAccount::toString).orElse("")
                + "\n" + settings.problems() + "\n" + settings.warnings() + "\n" + Settings.describeMode(new Environment(env));
        assertFalse(shown.contains(TOKEN), shown);
        // Even a fragment would let someone reconstruct or recognise the token.
        assertFalse(shown.contains(TOKEN.substring(0, 10)), shown);
    }

    @Test
    void accountToStringMasksTheSecretButKeepsTheRest() {
        TwilioAccount account = accountOf(loadTwilio());

        String text = account.toString();
        assertAll(
                () -> assertFalse(text.contains(TOKEN), text),
                () -> assertTrue(text.contains("secret=***"), text),
                () -> assertTrue(text.contains(SID), text),
                () -> assertTrue(text.contains(NUMBER), text));
    }
}
