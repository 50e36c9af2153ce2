package io.github.twiliosmsmcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact words of every problem and warning a setting can cause: people act on them, so they stay put. */
class SettingsProblemsTest {
    private static final String HEX32 = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            SMS_DEFAULT_REGION             | XX                       | SMS_DEFAULT_REGION must be a two-letter country code such as US or GB (unsupported default region "XX": expected an ISO 3166-1 alpha-2 region code known to libphonenumber, such as US, GB or DE)
            SMS_STATUS_WAIT_SECONDS        | soon                     | SMS_STATUS_WAIT_SECONDS must be a whole number (it is 'soon')
            SMS_STATUS_WAIT_SECONDS        | -1                       | SMS_STATUS_WAIT_SECONDS must be a whole number from 0 to 2147483647
            SMS_STATUS_WAIT_SECONDS        | 46                       | warning: SMS_STATUS_WAIT_SECONDS=46 is above 45; using 45 so answers arrive within the clients' 60 s tool timeout
            SMS_MAX_SEGMENTS               | 0                        | SMS_MAX_SEGMENTS must be a whole number from 1 to 100
            SMS_MAX_SEGMENTS               | many many many many many | SMS_MAX_SEGMENTS must be a whole number (it is 'many many many many ...')
            SMS_DEDUPE_WINDOW              | a while                  | SMS_DEDUPE_WINDOW must be a span of time such as 10m, 1h or 0 (it is 'a while')
            SMS_RETENTION_DAYS             | 36501                    | SMS_RETENTION_DAYS must be a whole number from 1 to 36500
            SMS_MODE                       | loud                     | SMS_MODE must be live, dry-run or receive-only (it is 'loud')
            SMS_ALLOWED_RECIPIENTS         | +1415*9                  | SMS_ALLOWED_RECIPIENTS: number rule "+1415*9" is not a valid prefix: * may appear only once, at the end; a prefix is + and up to 15 digits then *, such as +1415*
            SMS_BLOCKED_RECIPIENTS         | 12                       | SMS_BLOCKED_RECIPIENTS: number rule "12" is not a valid phone number: it is too short to be a phone number
            SMS_ALLOW_REPLIES_ONLY         | maybe                    | SMS_ALLOW_REPLIES_ONLY must be true or false
            SMS_MAX_PER_RECIPIENT_PER_HOUR | 1000001                  | SMS_MAX_PER_RECIPIENT_PER_HOUR must be a whole number from 0 to 1000000
            SMS_MAX_PER_HOUR               | x                        | SMS_MAX_PER_HOUR must be a whole number (it is 'x')
            SMS_MAX_PER_DAY                | 10000001                 | SMS_MAX_PER_DAY must be a whole number from 0 to 10000000
            SMS_DAILY_BUDGET_USD           | -1                       | SMS_DAILY_BUDGET_USD must be an amount in US dollars such as 5 or 2.50
            SMS_QUIET_HOURS                | 9pm-8am                  | SMS_QUIET_HOURS must be a window such as 21:00-08:00, or off (quiet hours "9pm-8am" are not valid: 12-hour times are not accepted; expected a 24-hour range such as 21:00-08:00 (start inclusive, end exclusive), or off)
            TWILIO_ACCOUNT_SID             | AC-bad                   | TWILIO_ACCOUNT_SID must be AC followed by 32 hexadecimal characters
            TWILIO_ACCOUNT_SID             | ''                       | TWILIO_ACCOUNT_SID is not set (find it on the Twilio Console home page; it starts with AC)
            TWILIO_AUTH_TOKEN              | ''                       | TWILIO_AUTH_TOKEN is not set (or set TWILIO_API_KEY and TWILIO_API_SECRET)
            TWILIO_API_KEY                 | SK-bad                   | TWILIO_API_KEY must be SK followed by 32 hexadecimal characters; TWILIO_API_SECRET is not set (it is required with TWILIO_API_KEY)
            TWILIO_API_SECRET              | secret                   | TWILIO_API_KEY is not set (it is required with TWILIO_API_SECRET)
            TWILIO_PHONE_NUMBER            | 12,+1 555,+14155552671   | TWILIO_PHONE_NUMBER lists a number that is not valid: it is too short to be a phone number; TWILIO_PHONE_NUMBER lists a number that is not valid: it is too short to be a phone number
            TWILIO_PHONE_NUMBER            | ${TWILIO_PHONE_NUMBER}   | TWILIO_PHONE_NUMBER looks like an unexpanded placeholder (${TWILIO_PHONE_NUMBER}): the client passed it on without a value, so it counts as not set (your Twilio number in E.164 form such as +14155552671; or set TWILIO_MESSAGING_SERVICE_SID)
            TWILIO_MESSAGING_SERVICE_SID   | MG-bad                   | TWILIO_MESSAGING_SERVICE_SID must be MG followed by 32 hexadecimal characters
            TWILIO_API_BASE_URL            | ftp://example.com        | TWILIO_API_BASE_URL must be an absolute http(s) URL with no query, such as https://proxy.example.com
            TWILIO_API_BASE_URL            | http://example.com       | TWILIO_API_BASE_URL must use https unless it points at this machine (localhost or 127.0.0.1)
            TWILIO_API_BASE_URL            | http://exa mple.com      | TWILIO_API_BASE_URL is not a valid URL
            """)
    void eachBadValueIsNamedInTheSameWords(String name, String value, String expected) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", "AC" + HEX32, "TWILIO_AUTH_TOKEN", "token", "TWILIO_PHONE_NUMBER", "+14155552671"));
        if (name.startsWith("TWILIO_API_")) {
            env.remove("TWILIO_AUTH_TOKEN");
        }
        if (name.equals("TWILIO_API_BASE_URL")) {
            env.put("TWILIO_AUTH_TOKEN", "token");
        }
        env.put(name, value);

        Settings settings = Settings.load(new Environment(env));

        String actual = String.join("; ", settings.problems())
                + settings.warnings().stream().map(w -> "warning: " + w).reduce("", String::concat);
        assertEquals(expected, actual);
    }
}
