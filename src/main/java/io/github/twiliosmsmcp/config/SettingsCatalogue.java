package io.github.twiliosmsmcp.config;

import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.NumberRule;
import io.github.twiliosmsmcp.policy.Policy;
import io.github.twiliosmsmcp.policy.QuietHours;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting the server reads, in the order the README's configuration table and {@code --help}
 * show them. Help lines are short: the README's table has the details.
 *
 * <p>Building the list loads none of the parsers' libraries: phone metadata loads only when a value
 * is read, so {@code --help} and the server's start can read the list for free.
 */
public final class SettingsCatalogue {
    public static final Setting<String> ACCOUNT_SID = Setting.required(Settings.ACCOUNT_SID,
            "Account SID, AC + 32 hex characters", Parsers.sid("AC"));
    public static final Setting<String> AUTH_TOKEN = Setting.required(Settings.AUTH_TOKEN,
            "auth token (or the next two)", Parsers.text());
    public static final Setting<String> API_KEY = Setting.required(Settings.API_KEY,
            "API key SID, SK + 32 hex characters", Parsers.sid("SK"));
    public static final Setting<String> API_SECRET = Setting.required(Settings.API_SECRET,
            "the API key's secret", Parsers.text());
    public static final Setting<List<PhoneNumber>> PHONE_NUMBER = Setting.required(Settings.PHONE_NUMBER,
            "sender number(s), E.164, comma-separated; first is the default", Parsers.phoneNumbers());
    public static final Setting<String> MESSAGING_SERVICE_SID = Setting.required(Settings.MESSAGING_SERVICE_SID,
            "Messaging Service SID, MG..., used when no from is given", Parsers.sid("MG"));
    public static final Setting<URI> API_BASE_URL = Setting.described(Settings.API_BASE_URL, "Twilio's own",
            "another Twilio API base URL, for tests or a proxy", Parsers.baseUrl("https://proxy.example.com"));

    public static final Setting<PhoneNumberParser> DEFAULT_REGION = Setting.withDefault(Settings.DEFAULT_REGION, "US",
            "country whose national number format is accepted", Parsers.region());
    /** Above the limit the wait is lowered, not refused: see {@link Settings#MAX_STATUS_WAIT_SECONDS}. */
    public static final Setting<Integer> STATUS_WAIT_SECONDS = Setting.withDefault(Settings.STATUS_WAIT_SECONDS, "20",
            "how long a send waits for its delivery status, 0-" + Settings.MAX_STATUS_WAIT_SECONDS,
            Parsers.wholeNumber(0, Integer.MAX_VALUE));
    public static final Setting<Integer> MAX_SEGMENTS = Setting.withDefault(Settings.MAX_SEGMENTS, "10",
            "most SMS segments one send may use, 1-100", Parsers.wholeNumber(1, 100));
    /** Read where the database is opened: see {@code DatabaseLocation}. */
    public static final Setting<String> DATABASE = Setting.described(Settings.DATABASE, "your data folder",
            "message database file, jdbc:sqlite: or postgresql:// URL", Parsers.database());
    public static final Setting<String> DATABASE_PASSWORD = Setting.described(Settings.DATABASE_PASSWORD,
            "PGPASSWORD", "password for a postgresql:// database without one", Parsers.text());
    /** Read once per process, where the send journal learns who writes: see {@code SendIntent.Owner}. */
    public static final Setting<String> HOST_NAME = Setting.described(Settings.HOST_NAME, "the machine's host name",
            "this host's name in a shared database's send journal", Parsers.text());
    public static final Setting<Duration> DEDUPE_WINDOW = Setting.withDefault(Settings.DEDUPE_WINDOW, "10m",
            "how long the same text to the same number is a repeat", Parsers.spanOfTime());
    public static final Setting<Integer> RETENTION_DAYS = Setting.withDefault(Settings.RETENTION_DAYS, "90",
            "days before message texts are erased", Parsers.wholeNumber(1, 36500));

    public static final Setting<Mode> MODE = Setting.withDefault(Mode.SETTING, "live",
            "live, dry-run or receive-only", Parsers.mode());
    public static final Setting<List<NumberRule>> ALLOWED = Setting.described(Policy.ALLOWED, "any",
            "numbers and +prefix* that may be texted", Parsers.numberRules());
    public static final Setting<List<NumberRule>> BLOCKED = Setting.described(Policy.BLOCKED, "none",
            "numbers and +prefix* that may never be texted", Parsers.numberRules());
    public static final Setting<Boolean> REPLIES_ONLY = Setting.withDefault(Policy.REPLIES_ONLY, "false",
            "true: only text numbers that texted first", Parsers.yesOrNo());
    public static final Setting<Integer> PER_RECIPIENT_PER_HOUR = Setting.withDefault(Policy.PER_RECIPIENT_PER_HOUR,
            "5", "messages to one number per rolling hour", Parsers.wholeNumber(0, 1_000_000));
    public static final Setting<Integer> PER_HOUR = Setting.withDefault(Policy.PER_HOUR, "30",
            "messages per rolling hour", Parsers.wholeNumber(0, 1_000_000));
    public static final Setting<Integer> PER_DAY = Setting.withDefault(Policy.PER_DAY, "200",
            "messages per rolling 24 hours", Parsers.wholeNumber(0, 10_000_000));
    public static final Setting<BigDecimal> DAILY_BUDGET = Setting.described(Policy.DAILY_BUDGET, "no cap",
            "estimated spend per rolling 24 hours, USD", Parsers.dollars());
    /** Off in the sandbox whatever the default: nothing there reaches a phone, so there is no one to wake. */
    public static final Setting<Optional<QuietHours>> QUIET_HOURS = Setting.withDefault(Policy.QUIET_HOURS,
            "21:00-08:00", "no texts in this window of the recipient's local time", Parsers.quietHours());

    public static final Setting<Approval.Rule> APPROVAL = Setting.withDefault(Approval.SETTING, "off",
            "off, all or new-recipients: sends a person must approve first", Parsers.approvalRule());
    public static final Setting<Duration> APPROVAL_TTL = Setting.withDefault(Approval.TTL_SETTING, "24h",
            "how long a staged message waits for approval", Parsers.spanOfTime());

    public static final Setting<Boolean> AUTORESPONDERS = Setting.withDefault("SMS_AUTORESPONDERS", "off",
            "on: serve answers with autoresponder rules; their tools are listed", Parsers.yesOrNo());
    public static final Setting<Duration> AUTORESPONDER_COOLDOWN = Setting.withDefault("SMS_AUTORESPONDER_COOLDOWN",
            "1h", "least time between two autoreplies of one rule to one number", Parsers.spanOfTime());
    public static final Setting<ZoneId> OWNER_TIME_ZONE = Setting.described("SMS_OWNER_TIME_ZONE", "the system's",
            "time zone of autoresponders' active hours, such as Europe/Paris", Parsers.timeZone());

    /** Read by {@code serve} alone: the stdio server opens no port. */
    public static final Setting<HttpAddress> HTTP_ADDRESS = Setting.withDefault("SMS_HTTP_ADDRESS", "127.0.0.1:8787",
            "where serve listens, host:port", Parsers.hostAndPort());
    /** Webhook signatures cover the URL Twilio called, so the service must know it. */
    public static final Setting<URI> PUBLIC_URL = Setting.described("SMS_PUBLIC_URL", "none",
            "the base URL Twilio calls serve at (https)", Parsers.baseUrl("https://sms.example.com"));

    /** Read by {@code serve} alone: what opens {@code POST /mcp}. */
    public static final Setting<String> HTTP_TOKEN = Setting.described("SMS_HTTP_TOKEN", "generated",
            "bearer token for POST /mcp, 16+ characters", Parsers.secret(16));
    public static final Setting<List<String>> HTTP_ALLOWED_ORIGINS = Setting.described("SMS_HTTP_ALLOWED_ORIGINS",
            "none", "browser origins that may call /mcp, comma-separated", Parsers.origins());
    public static final Setting<Integer> HTTP_CALLS_PER_MINUTE = Setting.withDefault("SMS_HTTP_CALLS_PER_MINUTE", "60",
            "tool calls per minute over HTTP, 1-100000", Parsers.wholeNumber(1, 100_000));
    /** Read by {@code serve} alone: what opens the review page, a person's door, apart from the model's. */
    public static final Setting<String> REVIEW_TOKEN = Setting.described("SMS_REVIEW_TOKEN", "generated",
            "login token for the review page at /review, 16+ characters", Parsers.secret(16));

    public static final Setting<String> PROVIDER = Setting.withDefault("SMS_PROVIDER", Providers.TWILIO,
            "who sends: twilio or messagecentral", Parsers.provider());
    public static final Setting<Optional<String>> FALLBACK_PROVIDER = Setting.withDefault("SMS_FALLBACK_PROVIDER",
            "none", "tried only when the first certainly refused: none, twilio, messagecentral",
            Parsers.fallbackProvider());
    public static final Setting<String> MC_CUSTOMER_ID = Setting.required("MC_CUSTOMER_ID",
            "MessageCentral customer id, C-...", Parsers.text());
    public static final Setting<String> MC_PASSWORD = Setting.required("MC_PASSWORD",
            "MessageCentral password (or the next)", Parsers.text());
    public static final Setting<String> MC_PASSWORD_BASE64 = Setting.required("MC_PASSWORD_BASE64",
            "the same password, base64-encoded", Parsers.base64());
    public static final Setting<String> MC_SENDER_ID = Setting.described("MC_SENDER_ID", "the account's",
            "the sender id MessageCentral shows", Parsers.text());
    public static final Setting<URI> MC_API_BASE_URL = Setting.described("MC_API_BASE_URL", "MessageCentral's own",
            "another MessageCentral API base URL, for tests", Parsers.baseUrl("https://proxy.example.com"));

    /** The settings that choose MessageCentral. */
    public static final List<Setting<?>> MESSAGECENTRAL = List.of(MC_CUSTOMER_ID, MC_PASSWORD, MC_PASSWORD_BASE64,
            MC_SENDER_ID, MC_API_BASE_URL);

    /** The settings that choose Twilio: with none of them nor MessageCentral's set, the server is a sandbox. */
    public static final List<Setting<?>> TWILIO = List.of(ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, PHONE_NUMBER,
            MESSAGING_SERVICE_SID, API_BASE_URL);

    public static final List<Setting<?>> ALL = Stream.of(TWILIO.stream(), Stream.of(PROVIDER, FALLBACK_PROVIDER),
            MESSAGECENTRAL.stream(), Stream.of(DEFAULT_REGION,
            STATUS_WAIT_SECONDS, MAX_SEGMENTS, DATABASE, DATABASE_PASSWORD, HOST_NAME, DEDUPE_WINDOW, RETENTION_DAYS, MODE, ALLOWED, BLOCKED,
            REPLIES_ONLY, PER_RECIPIENT_PER_HOUR, PER_HOUR, PER_DAY, DAILY_BUDGET, QUIET_HOURS, APPROVAL,
            APPROVAL_TTL, AUTORESPONDERS, AUTORESPONDER_COOLDOWN, OWNER_TIME_ZONE, HTTP_ADDRESS,
            PUBLIC_URL, HTTP_TOKEN, HTTP_ALLOWED_ORIGINS, HTTP_CALLS_PER_MINUTE, REVIEW_TOKEN)).flatMap(s -> s)
            .<Setting<?>>map(s -> s).toList();

    private SettingsCatalogue() {}
}
