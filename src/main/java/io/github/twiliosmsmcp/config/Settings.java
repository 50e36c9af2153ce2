package io.github.twiliosmsmcp.config;

import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.NumberRule;
import io.github.twiliosmsmcp.policy.Policy;
import io.github.twiliosmsmcp.policy.QuietHours;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server's settings, read from the environment once. A server that is misconfigured still
 * starts: {@link #problems()} is then non-empty and every tool answers with it, because a client
 * shows a server that dies at start as a vague "failed to connect" the user cannot act on.
 */
public record Settings(
        Optional<TwilioAccount> twilio,
        PhoneNumberParser phoneNumbers,
        Duration statusWait,
        int maxSegments,
        Duration dedupeWindow,
        Duration retention,
        Policy policy,
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
    public static final String DEDUPE_WINDOW = "SMS_DEDUPE_WINDOW";
    public static final String RETENTION_DAYS = "SMS_RETENTION_DAYS";

    /** Clients give a tool call 60 s; the status wait must leave room for the create call and the answer. */
    public static final int MAX_STATUS_WAIT_SECONDS = 45;

    private static final List<String> TWILIO_VARIABLES =
            List.of(ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, PHONE_NUMBER, MESSAGING_SERVICE_SID, API_BASE_URL);
    private static final Pattern ACCOUNT_SID_FORM = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern API_KEY_FORM = Pattern.compile("SK[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID_FORM = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public Settings {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** True when no Twilio variable is set at all: the server then runs against a simulated carrier. */
    public static boolean isSandbox(Environment env) {
        return TWILIO_VARIABLES.stream().noneMatch(env::isSet);
    }

    /**
     * The start-up log's one line about the mode: the sandbox, Twilio, or why the configuration is
     * invalid, so that placeholder credentials are caught at start and not on every call. Without
     * Twilio variables it reads nothing more, so the sandbox's start loads nothing a tool call needs.
     */
    public static String describeMode(Environment env) {
        if (isSandbox(env)) {
            return "SANDBOX: no Twilio variable is set, nothing will be sent";
        }
        List<String> problems = load(env).problems();
        return problems.isEmpty() ? "Twilio mode" : "configuration invalid: " + String.join("; ", problems);
    }

    public boolean sandbox() {
        return twilio.isEmpty() && problems.isEmpty();
    }

    public static Settings load(Environment env) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        String region = env.get(DEFAULT_REGION).orElse("US").toUpperCase(Locale.ROOT);
        PhoneNumberParser parser;
        try {
            parser = new PhoneNumberParser(region);
        } catch (IllegalArgumentException e) {
            problems.add(DEFAULT_REGION + " must be a two-letter country code such as US or GB (" + e.getMessage() + ")");
            parser = new PhoneNumberParser("US");
        }

        int waitSeconds = readInt(env, STATUS_WAIT_SECONDS, 20, 0, Integer.MAX_VALUE, problems);
        if (waitSeconds > MAX_STATUS_WAIT_SECONDS) {
            warnings.add(STATUS_WAIT_SECONDS + "=" + waitSeconds + " is above " + MAX_STATUS_WAIT_SECONDS
                    + "; using " + MAX_STATUS_WAIT_SECONDS + " so answers arrive within the clients' 60 s tool timeout");
            waitSeconds = MAX_STATUS_WAIT_SECONDS;
        }
        int maxSegments = readInt(env, MAX_SEGMENTS, 10, 1, 100, problems);
        Duration dedupeWindow = Duration.ofMinutes(10);
        Optional<String> window = env.get(DEDUPE_WINDOW);
        if (window.isPresent()) {
            Optional<Duration> parsed = window.get().equals("0") ? Optional.of(Duration.ZERO) : Durations.parse(window.get());
            if (parsed.isPresent()) {
                dedupeWindow = parsed.get();
            } else {
                problems.add(DEDUPE_WINDOW + " must be a span of time such as 10m, 1h or 0 (it is '" + abbreviate(window.get()) + "')");
            }
        }
        Duration retention = Duration.ofDays(readInt(env, RETENTION_DAYS, 90, 1, 36500, problems));
        Policy policy = readPolicy(env, parser, isSandbox(env), problems);

        Optional<TwilioAccount> twilio = isSandbox(env) ? Optional.empty() : readTwilio(env, parser, problems);
        return new Settings(twilio, parser, Duration.ofSeconds(waitSeconds), maxSegments, dedupeWindow, retention,
                policy, problems, warnings);
    }

    private static Policy readPolicy(Environment env, PhoneNumberParser parser, boolean sandbox, List<String> problems) {
        Policy defaults = Policy.defaults(sandbox);
        Mode mode = defaults.mode();
        Optional<String> rawMode = env.get(Mode.SETTING);
        if (rawMode.isPresent()) {
            Optional<Mode> parsed = Mode.parse(rawMode.get());
            if (parsed.isPresent()) {
                mode = parsed.get();
            } else {
                problems.add(Mode.SETTING + " must be live, dry-run or receive-only (it is '" + abbreviate(rawMode.get()) + "')");
            }
        }
        List<NumberRule> allowed = readRules(env, Policy.ALLOWED, parser, problems);
        List<NumberRule> blocked = readRules(env, Policy.BLOCKED, parser, problems);
        boolean repliesOnly = false;
        Optional<String> replies = env.get(Policy.REPLIES_ONLY);
        if (replies.isPresent()) {
            String value = replies.get().toLowerCase(Locale.ROOT);
            if (List.of("true", "yes", "1", "on").contains(value)) {
                repliesOnly = true;
            } else if (!List.of("false", "no", "0", "off").contains(value)) {
                problems.add(Policy.REPLIES_ONLY + " must be true or false");
            }
        }
        int perRecipient = readInt(env, Policy.PER_RECIPIENT_PER_HOUR, defaults.maxPerRecipientPerHour(), 0, 1_000_000, problems);
        int perHour = readInt(env, Policy.PER_HOUR, defaults.maxPerHour(), 0, 1_000_000, problems);
        int perDay = readInt(env, Policy.PER_DAY, defaults.maxPerDay(), 0, 10_000_000, problems);
        Optional<BigDecimal> budget = Optional.empty();
        Optional<String> rawBudget = env.get(Policy.DAILY_BUDGET);
        if (rawBudget.isPresent()) {
            try {
                BigDecimal value = new BigDecimal(rawBudget.get().replace("$", ""));
                if (value.signum() < 0) {
                    throw new NumberFormatException();
                }
                budget = Optional.of(value);
            } catch (NumberFormatException e) {
                problems.add(Policy.DAILY_BUDGET + " must be an amount in US dollars such as 5 or 2.50");
            }
        }
        Optional<QuietHours> quiet = defaults.quietHours();
        Optional<String> rawQuiet = env.get(Policy.QUIET_HOURS);
        if (rawQuiet.isPresent()) {
            try {
                quiet = QuietHours.parse(rawQuiet.get());
            } catch (IllegalArgumentException e) {
                problems.add(Policy.QUIET_HOURS + " must be a window such as 21:00-08:00, or off (" + e.getMessage() + ")");
            }
        }
        return new Policy(mode, allowed, blocked, repliesOnly, perRecipient, perHour, perDay, budget, quiet);
    }

    private static List<NumberRule> readRules(Environment env, String name, PhoneNumberParser parser, List<String> problems) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return List.of();
        }
        try {
            return NumberRule.parseList(raw.get(), parser);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return List.of();
        }
    }

    private static Optional<TwilioAccount> readTwilio(Environment env, PhoneNumberParser parser, List<String> problems) {
        int before = problems.size();
        Optional<String> accountSid = env.get(ACCOUNT_SID);
        if (accountSid.isEmpty()) {
            problems.add(notSet(env, ACCOUNT_SID) + " (find it on the Twilio Console home page; it starts with AC)");
        } else if (!ACCOUNT_SID_FORM.matcher(accountSid.get()).matches()) {
            problems.add(ACCOUNT_SID + " must be AC followed by 32 hexadecimal characters");
        }

        String username = accountSid.orElse("");
        String secret = "";
        Optional<String> apiKey = env.get(API_KEY);
        if (apiKey.isPresent()) {
            if (!API_KEY_FORM.matcher(apiKey.get()).matches()) {
                problems.add(API_KEY + " must be SK followed by 32 hexadecimal characters");
            }
            if (env.get(API_SECRET).isEmpty()) {
                problems.add(notSet(env, API_SECRET) + " (it is required with " + API_KEY + ")");
            }
            username = apiKey.get();
            secret = env.get(API_SECRET).orElse("");
        } else if (env.get(AUTH_TOKEN).isPresent()) {
            secret = env.get(AUTH_TOKEN).get();
        } else if (env.get(API_SECRET).isPresent()) {
            problems.add(notSet(env, API_KEY) + " (it is required with " + API_SECRET + ")");
        } else {
            problems.add(notSet(env, AUTH_TOKEN) + " (or set " + API_KEY + " and " + API_SECRET + ")");
        }

        List<PhoneNumber> numbers = new ArrayList<>();
        env.get(PHONE_NUMBER).ifPresent(list -> {
            for (String raw : list.split(",")) {
                if (raw.isBlank()) {
                    continue;
                }
                ParsedNumber parsed = parser.parse(raw.strip());
                if (parsed instanceof ParsedNumber.Valid valid) {
                    if (!numbers.contains(valid.number())) {
                        numbers.add(valid.number());
                    }
                } else if (parsed instanceof ParsedNumber.Invalid invalid) {
                    problems.add(PHONE_NUMBER + " lists a number that is not valid: " + invalid.reason());
                }
            }
        });
        Optional<String> service = env.get(MESSAGING_SERVICE_SID);
        if (service.isPresent() && !SERVICE_SID_FORM.matcher(service.get()).matches()) {
            problems.add(MESSAGING_SERVICE_SID + " must be MG followed by 32 hexadecimal characters");
        }
        if (numbers.isEmpty() && service.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(PHONE_NUMBER))) {
            problems.add(notSet(env, PHONE_NUMBER) + " (your Twilio number in E.164 form such as +14155552671; or set "
                    + MESSAGING_SERVICE_SID + ")");
        }

        Optional<URI> baseUrl = env.get(API_BASE_URL).flatMap(url -> readBaseUrl(url, problems));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TwilioAccount(accountSid.get(), username, secret, numbers, service, baseUrl));
    }

    /** Why {@code name} has no value: it is missing, or it holds a placeholder the client did not fill in. */
    private static String notSet(Environment env, String name) {
        return env.placeholder(name)
                .map(placeholder -> name + " looks like an unexpanded placeholder (" + placeholder + "): the client"
                        + " passed it on without a value, so it counts as not set")
                .orElse(name + " is not set");
    }

    private static Optional<URI> readBaseUrl(String raw, List<String> problems) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host != null && (host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches()
                    || host.equals("[::1]"));
            if (host == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(API_BASE_URL + " must be an absolute http(s) URL with no query, such as https://proxy.example.com");
                return Optional.empty();
            }
            // Basic auth carries the auth token: plain HTTP is only acceptable when it never leaves the machine.
            if (scheme.equals("http") && !loopback) {
                problems.add(API_BASE_URL + " must use https unless it points at this machine (localhost or 127.0.0.1)");
                return Optional.empty();
            }
            String text = uri.toString();
            return Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
        } catch (URISyntaxException e) {
            problems.add(API_BASE_URL + " is not a valid URL");
            return Optional.empty();
        }
    }

    private static int readInt(Environment env, String name, int fallback, int min, int max, List<String> problems) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                problems.add(name + " must be a whole number from " + min + " to " + max);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number (it is '" + abbreviate(raw.get()) + "')");
            return fallback;
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "...";
    }
}
