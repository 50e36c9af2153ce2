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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * The server's settings, read from the environment once. A server that is misconfigured still
 * starts: {@link #problems()} is then non-empty and every tool answers with it, because a client
 * shows a server that dies at start as a vague "failed to connect" the user cannot act on.
 * {@code statusCallback} is where Twilio reports the statuses of every send: the webhook service's
 * status path below {@code SMS_PUBLIC_URL}, when that is set. {@code providers} say who sends; in the
 * sandbox, which providers it plays.
 */
public record Settings(
        Optional<TwilioAccount> twilio,
        Providers providers,
        Optional<MessageCentralAccount> messageCentral,
        PhoneNumberParser phoneNumbers,
        Duration statusWait,
        int maxSegments,
        Duration dedupeWindow,
        Duration retention,
        Policy policy,
        Approval approval,
        Autoresponding autoresponding,
        Optional<URI> statusCallback,
        List<String> problems,
        List<String> warnings) {

    public static final String ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    public static final String AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    public static final String API_KEY = "TWILIO_API_KEY";
    public static final String API_SECRET = "TWILIO_API_SECRET";
    public static final String PHONE_NUMBER = "TWILIO_PHONE_NUMBER";
    public static final String MESSAGING_SERVICE_SID = "TWILIO_MESSAGING_SERVICE_SID";
    public static final String API_BASE_URL = "TWILIO_API_BASE_URL";
    public static final String DEFAULT_REGION = "SMS_DEFAULT_REGION";
    public static final String STATUS_WAIT_SECONDS = "SMS_STATUS_WAIT_SECONDS";
    public static final String MAX_SEGMENTS = "SMS_MAX_SEGMENTS";
    public static final String DATABASE = "SMS_DATABASE";
    public static final String DATABASE_PASSWORD = "SMS_DATABASE_PASSWORD";
    public static final String HOST_NAME = "SMS_HOST_NAME";
    public static final String DEDUPE_WINDOW = "SMS_DEDUPE_WINDOW";
    public static final String RETENTION_DAYS = "SMS_RETENTION_DAYS";

    /** Clients give a tool call 60 s; the status wait must leave room for the create call and the answer. */
    public static final int MAX_STATUS_WAIT_SECONDS = 45;

    public Settings {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /**
     * True when no variable of a provider's account is set at all (neither Twilio's nor
     * MessageCentral's): the server then runs against a simulated carrier.
     */
    public static boolean isSandbox(Environment env) {
        return Stream.concat(SettingsCatalogue.TWILIO.stream(), SettingsCatalogue.MESSAGECENTRAL.stream())
                .map(Setting::name).noneMatch(env::isSet);
    }

    /**
     * The start-up log's one line about the mode: the sandbox, Twilio, or why the configuration is
     * invalid, so that placeholder credentials are caught at start and not on every call. Without
     * Twilio variables it reads nothing more, so the sandbox's start loads nothing a tool call needs.
     */
    public static String describeMode(Environment env) {
        if (isSandbox(env)) {
            return "SANDBOX: no Twilio or MessageCentral variable is set, nothing will be sent";
        }
        Settings settings = load(env);
        return settings.problems().isEmpty() ? "sending through " + settings.providers().describe()
                : "configuration invalid: " + String.join("; ", settings.problems());
    }

    public boolean sandbox() {
        return twilio.isEmpty() && messageCentral.isEmpty() && problems.isEmpty();
    }

    public static Settings load(Environment env) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        // The region says how the other settings read phone numbers, so it is read first.
        PhoneNumberParser numbers = SettingsCatalogue.DEFAULT_REGION.readOrDefault(env, null, problems);
        int waitSeconds = SettingsCatalogue.STATUS_WAIT_SECONDS.readOrDefault(env, numbers, problems);
        if (waitSeconds > MAX_STATUS_WAIT_SECONDS) {
            warnings.add(STATUS_WAIT_SECONDS + "=" + waitSeconds + " is above " + MAX_STATUS_WAIT_SECONDS
                    + "; using " + MAX_STATUS_WAIT_SECONDS + " so answers arrive within the clients' 60 s tool timeout");
            waitSeconds = MAX_STATUS_WAIT_SECONDS;
        }
        int maxSegments = SettingsCatalogue.MAX_SEGMENTS.readOrDefault(env, numbers, problems);
        Duration dedupeWindow = SettingsCatalogue.DEDUPE_WINDOW.readOrDefault(env, numbers, problems);
        Duration retention = Duration.ofDays(SettingsCatalogue.RETENTION_DAYS.readOrDefault(env, numbers, problems));
        // Only checked here: the store reads the location itself when it is first used.
        SettingsCatalogue.DATABASE.read(env, numbers, problems);
        Policy policy = readPolicy(env, numbers, isSandbox(env), problems);
        Approval approval = new Approval(SettingsCatalogue.APPROVAL.readOrDefault(env, numbers, problems),
                SettingsCatalogue.APPROVAL_TTL.readOrDefault(env, numbers, problems));

        Autoresponding autoresponding = new Autoresponding(
                SettingsCatalogue.AUTORESPONDERS.readOrDefault(env, numbers, problems),
                SettingsCatalogue.AUTORESPONDER_COOLDOWN.readOrDefault(env, numbers, problems),
                SettingsCatalogue.OWNER_TIME_ZONE.read(env, numbers, problems).orElse(ZoneId.systemDefault()));

        Providers providers = new Providers(SettingsCatalogue.PROVIDER.readOrDefault(env, numbers, problems),
                SettingsCatalogue.FALLBACK_PROVIDER.readOrDefault(env, numbers, problems));
        if (providers.fallback().equals(Optional.of(providers.first()))) {
            problems.add(SettingsCatalogue.FALLBACK_PROVIDER.name() + " must name another provider than "
                    + SettingsCatalogue.PROVIDER.name() + " (both are " + providers.first() + "), or none");
        }
        boolean sandbox = isSandbox(env);
        // Twilio's account is read whenever it is set, even if it does not send: receiving is Twilio's.
        boolean twilioSet = SettingsCatalogue.TWILIO.stream().map(Setting::name).anyMatch(env::isSet);
        Optional<TwilioAccount> twilio = !sandbox && (providers.uses(Providers.TWILIO) || twilioSet)
                ? readTwilio(env, numbers, problems) : Optional.empty();
        Optional<MessageCentralAccount> messageCentral = Optional.empty();
        if (!sandbox && providers.uses(Providers.MESSAGECENTRAL)) {
            messageCentral = readMessageCentral(env, numbers, problems);
            if (twilio.isEmpty() && !twilioSet) {
                warnings.add("only MessageCentral is configured, and it offers no API to read incoming messages:"
                        + " the tools that read replies are not listed"
                        + (SettingsCatalogue.AUTORESPONDERS.readOrDefault(env, numbers, new ArrayList<>())
                                ? ", and autoresponders stay off" : "")
                        + "; set the TWILIO_* variables to receive");
            }
        } else if (SettingsCatalogue.MESSAGECENTRAL.stream().map(Setting::name).anyMatch(env::isSet)) {
            warnings.add("MessageCentral's variables are set, but neither " + SettingsCatalogue.PROVIDER.name()
                    + " nor " + SettingsCatalogue.FALLBACK_PROVIDER.name() + " is messagecentral: they are not used");
        }
        return new Settings(twilio, providers, messageCentral, numbers, Duration.ofSeconds(waitSeconds), maxSegments, dedupeWindow, retention,
                policy, approval, autoresponding, statusCallback(env, warnings), problems, warnings);
    }

    /**
     * The mode alone, for the tools listed at start: it loads no phone metadata. A value that is not
     * valid counts as the default here; {@link #load} reports it on the first tool call.
     */
    public static Mode mode(Environment env) {
        return SettingsCatalogue.MODE.readOrDefault(env, null, new ArrayList<>());
    }

    /**
     * The approval rule alone, for the tools listed at start: without approval the staging tools are
     * not listed. A value that is not valid counts as the default here, as in {@link #mode}.
     */
    public static Approval.Rule approvalRule(Environment env) {
        return SettingsCatalogue.APPROVAL.readOrDefault(env, null, new ArrayList<>());
    }

    /**
     * Whether autoresponders are on, alone, for the tools listed at start: their tools are listed
     * only then. A value that is not valid counts as the default here, as in {@link #mode}.
     */
    public static boolean autorespondersOn(Environment env) {
        return SettingsCatalogue.AUTORESPONDERS.readOrDefault(env, null, new ArrayList<>()) && receives(env);
    }

    /**
     * Whether messages can be received at all: receiving is Twilio's (MessageCentral offers no API for
     * it), so a server that sends through MessageCentral alone, with no Twilio variable, cannot. The
     * sandbox plays Twilio's receiving too.
     */
    public static boolean receives(Environment env) {
        return isSandbox(env) || SettingsCatalogue.TWILIO.stream().map(Setting::name).anyMatch(env::isSet);
    }

    /** A public URL that is not valid stops {@code serve}; here it only costs the callbacks, so it is a warning. */
    private static Optional<URI> statusCallback(Environment env, List<String> warnings) {
        List<String> urlProblems = new ArrayList<>();
        Optional<URI> publicUrl = SettingsCatalogue.PUBLIC_URL.read(env, null, urlProblems);
        urlProblems.forEach(problem -> warnings.add(problem + "; sends ask Twilio for no status callbacks"));
        return publicUrl.map(url -> URI.create(url + WebhookPaths.STATUS));
    }

    private static Policy readPolicy(Environment env, PhoneNumberParser numbers, boolean sandbox, List<String> problems) {
        Mode mode = SettingsCatalogue.MODE.readOrDefault(env, numbers, problems);
        List<NumberRule> allowed = SettingsCatalogue.ALLOWED.read(env, numbers, problems).orElse(List.of());
        List<NumberRule> blocked = SettingsCatalogue.BLOCKED.read(env, numbers, problems).orElse(List.of());
        boolean repliesOnly = SettingsCatalogue.REPLIES_ONLY.readOrDefault(env, numbers, problems);
        int perRecipient = SettingsCatalogue.PER_RECIPIENT_PER_HOUR.readOrDefault(env, numbers, problems);
        int perHour = SettingsCatalogue.PER_HOUR.readOrDefault(env, numbers, problems);
        int perDay = SettingsCatalogue.PER_DAY.readOrDefault(env, numbers, problems);
        Optional<BigDecimal> budget = SettingsCatalogue.DAILY_BUDGET.read(env, numbers, problems);
        // Nothing in the sandbox reaches a phone, so there is no one to wake at night.
        Optional<QuietHours> quiet = SettingsCatalogue.QUIET_HOURS.read(env, numbers, problems)
                .orElseGet(() -> sandbox ? Optional.empty() : SettingsCatalogue.QUIET_HOURS.defaultValue());
        return new Policy(mode, allowed, blocked, repliesOnly, perRecipient, perHour, perDay, budget, quiet);
    }

    private static Optional<MessageCentralAccount> readMessageCentral(Environment env, PhoneNumberParser numbers,
            List<String> problems) {
        int before = problems.size();
        Optional<String> customerId = SettingsCatalogue.MC_CUSTOMER_ID.read(env, numbers, problems);
        if (customerId.isEmpty()) {
            problems.add(notSet(env, SettingsCatalogue.MC_CUSTOMER_ID.name())
                    + " (your MessageCentral customer id, such as C-1A2B3C4D5E6F708)");
        }
        Optional<String> key = SettingsCatalogue.MC_PASSWORD_BASE64.read(env, numbers, problems)
                .or(() -> SettingsCatalogue.MC_PASSWORD.read(env, numbers, problems).map(password ->
                        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))));
        if (key.isEmpty() && !env.isSet(SettingsCatalogue.MC_PASSWORD_BASE64.name())) {
            problems.add(notSet(env, SettingsCatalogue.MC_PASSWORD.name()) + " (or set "
                    + SettingsCatalogue.MC_PASSWORD_BASE64.name() + ")");
        }
        Optional<String> senderId = SettingsCatalogue.MC_SENDER_ID.read(env, numbers, problems);
        Optional<URI> baseUrl = SettingsCatalogue.MC_API_BASE_URL.read(env, numbers, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new MessageCentralAccount(customerId.get(), key.get(), senderId, baseUrl));
    }

    private static Optional<TwilioAccount> readTwilio(Environment env, PhoneNumberParser numbers, List<String> problems) {
        int before = problems.size();
        Optional<String> accountSid = SettingsCatalogue.ACCOUNT_SID.read(env, numbers, problems);
        if (!env.isSet(ACCOUNT_SID)) {
            problems.add(notSet(env, ACCOUNT_SID) + " (find it on the Twilio Console home page; it starts with AC)");
        }

        String username = accountSid.orElse("");
        String secret = "";
        if (env.isSet(API_KEY)) {
            username = SettingsCatalogue.API_KEY.read(env, numbers, problems).orElse("");
            if (!env.isSet(API_SECRET)) {
                problems.add(notSet(env, API_SECRET) + " (it is required with " + API_KEY + ")");
            }
            secret = SettingsCatalogue.API_SECRET.read(env, numbers, problems).orElse("");
        } else if (env.isSet(AUTH_TOKEN)) {
            secret = SettingsCatalogue.AUTH_TOKEN.read(env, numbers, problems).orElse("");
        } else if (env.isSet(API_SECRET)) {
            problems.add(notSet(env, API_KEY) + " (it is required with " + API_SECRET + ")");
        } else {
            problems.add(notSet(env, AUTH_TOKEN) + " (or set " + API_KEY + " and " + API_SECRET + ")");
        }

        int beforeNumbers = problems.size();
        List<PhoneNumber> senders = SettingsCatalogue.PHONE_NUMBER.read(env, numbers, problems).orElse(List.of());
        boolean numbersInvalid = problems.size() > beforeNumbers;
        Optional<String> service = SettingsCatalogue.MESSAGING_SERVICE_SID.read(env, numbers, problems);
        if (senders.isEmpty() && !env.isSet(MESSAGING_SERVICE_SID) && !numbersInvalid) {
            problems.add(notSet(env, PHONE_NUMBER) + " (your Twilio number in E.164 form such as +14155552671; or set "
                    + MESSAGING_SERVICE_SID + ")");
        }

        Optional<URI> baseUrl = SettingsCatalogue.API_BASE_URL.read(env, numbers, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TwilioAccount(accountSid.get(), username, secret, senders, service, baseUrl));
    }

    /** Why {@code name} has no value: it is missing, or it holds a placeholder the client did not fill in. */
    private static String notSet(Environment env, String name) {
        return env.placeholder(name)
                .map(placeholder -> name + " looks like an unexpanded placeholder (" + placeholder + "): the client"
                        + " passed it on without a value, so it counts as not set")
                .orElse(name + " is not set");
    }
}
