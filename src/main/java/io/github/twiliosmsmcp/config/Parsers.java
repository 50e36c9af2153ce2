package io.github.twiliosmsmcp.config;

import io.github.twiliosmsmcp.config.Setting.Invalid;
import io.github.twiliosmsmcp.config.Setting.Parser;
import io.github.twiliosmsmcp.phone.ParsedNumber;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.phone.PhoneNumberParser;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.NumberRule;
import io.github.twiliosmsmcp.policy.QuietHours;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kinds of value a setting can hold, each with the words that say what a bad one should be. */
final class Parsers {
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Parsers() {}

    static Parser<String> text() {
        return (text, numbers) -> text;
    }

    /** A Twilio identifier: its two-letter prefix and 32 hexadecimal characters. */
    /** A file path or URL, checked here only when it is a PostgreSQL URL: a file is checked when it is opened. */
    static Parser<String> database() {
        return (text, numbers) -> {
            if (DatabaseLocation.isPostgresUrl(text)) {
                try {
                    DatabaseLocation.postgres(text, Optional.empty());
                } catch (IllegalArgumentException e) {
                    throw Invalid.because(e.getMessage());
                }
            }
            return text;
        };
    }

    static Parser<String> sid(String prefix) {
        Pattern form = Pattern.compile(prefix + "[0-9a-fA-F]{32}");
        return (text, numbers) -> {
            if (!form.matcher(text).matches()) {
                throw Invalid.because("must be " + prefix + " followed by 32 hexadecimal characters");
            }
            return text;
        };
    }

    static Parser<Integer> wholeNumber(int min, int max) {
        return (text, numbers) -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw Invalid.because("must be a whole number (it is '" + abbreviate(text) + "')");
            }
            if (value < min || value > max) {
                throw Invalid.because("must be a whole number from " + min + " to " + max);
            }
            return value;
        };
    }

    static Parser<Boolean> yesOrNo() {
        return (text, numbers) -> {
            String value = text.toLowerCase(Locale.ROOT);
            if (List.of("true", "yes", "1", "on").contains(value)) {
                return true;
            }
            if (List.of("false", "no", "0", "off").contains(value)) {
                return false;
            }
            throw Invalid.because("must be true or false");
        };
    }

    static Parser<Duration> spanOfTime() {
        return (text, numbers) -> (text.equals("0") ? Optional.of(Duration.ZERO) : Durations.parse(text))
                .orElseThrow(() -> Invalid.because("must be a span of time such as 10m, 1h or 0 (it is '"
                        + abbreviate(text) + "')"));
    }

    static Parser<BigDecimal> dollars() {
        return (text, numbers) -> decimal(text.replace("$", "")).filter(value -> value.signum() >= 0)
                .orElseThrow(() -> Invalid.because("must be an amount in US dollars such as 5 or 2.50"));
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Parser<ZoneId> timeZone() {
        return (text, numbers) -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw Invalid.because("must be a time zone such as Europe/Paris or America/New_York (it is '"
                        + abbreviate(text) + "')");
            }
        };
    }

    static Parser<Mode> mode() {
        return (text, numbers) -> Mode.parse(text).orElseThrow(() -> Invalid.because(
                "must be live, dry-run or receive-only (it is '" + abbreviate(text) + "')"));
    }

    static Parser<Approval.Rule> approvalRule() {
        return (text, numbers) -> Approval.Rule.parse(text).orElseThrow(() -> Invalid.because(
                "must be off, all or new-recipients (it is '" + abbreviate(text) + "')"));
    }

    static Parser<Optional<QuietHours>> quietHours() {
        return (text, numbers) -> {
            try {
                return QuietHours.parse(text);
            } catch (IllegalArgumentException e) {
                throw Invalid.because("must be a window such as 21:00-08:00, or off (" + e.getMessage() + ")");
            }
        };
    }

    static Parser<PhoneNumberParser> region() {
        return (text, numbers) -> {
            try {
                return new PhoneNumberParser(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Invalid.because("must be a two-letter country code such as US or GB (" + e.getMessage() + ")");
            }
        };
    }

    static Parser<List<NumberRule>> numberRules() {
        return (text, numbers) -> {
            try {
                return NumberRule.parseList(text, numbers);
            } catch (IllegalArgumentException e) {
                throw Invalid.explainedBy(e.getMessage());
            }
        };
    }

    /** Comma-separated numbers, each kept once; every number that is not valid is named. */
    static Parser<List<PhoneNumber>> phoneNumbers() {
        return (text, numbers) -> {
            List<PhoneNumber> valid = new ArrayList<>();
            List<String> complaints = new ArrayList<>();
            for (String raw : text.split(",")) {
                if (raw.isBlank()) {
                    continue;
                }
                ParsedNumber parsed = numbers.parse(raw.strip());
                if (parsed instanceof ParsedNumber.Valid number) {
                    if (!valid.contains(number.number())) {
                        valid.add(number.number());
                    }
                } else if (parsed instanceof ParsedNumber.Invalid invalid) {
                    complaints.add("lists a number that is not valid: " + invalid.reason());
                }
            }
            if (!complaints.isEmpty()) {
                throw Invalid.because(complaints);
            }
            return List.copyOf(valid);
        };
    }

    /** {@code host:port}, an IPv6 address in brackets: {@code 127.0.0.1:8787}, {@code [::1]:8787}. */
    static Parser<HttpAddress> hostAndPort() {
        return (text, numbers) -> {
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? text.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                host = "";
            }
            int port = -1;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                // Reported below, with the form the value must have.
            }
            if (host.isEmpty() || port < 0 || port > 65535) {
                throw Invalid.because("must be host:port such as 127.0.0.1:8787 or [::1]:8787 (it is '"
                        + abbreviate(text) + "')");
            }
            return new HttpAddress(host, port);
        };
    }

    static Parser<String> provider() {
        return (text, numbers) -> Providers.parse(text).orElseThrow(() -> Invalid.because(
                "must be twilio or messagecentral (it is '" + abbreviate(text) + "')"));
    }

    static Parser<Optional<String>> fallbackProvider() {
        return (text, numbers) -> {
            if (text.strip().equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            return Optional.of(Providers.parse(text).orElseThrow(() -> Invalid.because(
                    "must be none, twilio or messagecentral (it is '" + abbreviate(text) + "')")));
        };
    }

    /** A password as base64, checked without ever repeating it. */
    static Parser<String> base64() {
        return (text, numbers) -> {
            try {
                java.util.Base64.getDecoder().decode(text.strip());
            } catch (IllegalArgumentException e) {
                throw Invalid.because("is not valid base64");
            }
            return text.strip();
        };
    }

    /** A secret typed by a person: long enough not to be guessed, and never repeated in the complaint. */
    static Parser<String> secret(int minLength) {
        return (text, numbers) -> {
            if (text.length() < minLength || text.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw Invalid.because("must be at least " + minLength + " characters with no spaces or control"
                        + " characters");
            }
            return text;
        };
    }

    /** Web origins such as {@code http://localhost:3080}, comma-separated: scheme, host and port only. */
    static Parser<List<String>> origins() {
        return (text, numbers) -> {
            List<String> origins = new ArrayList<>();
            for (String part : text.split(",")) {
                String origin = part.strip().toLowerCase(Locale.ROOT);
                URI uri;
                try {
                    uri = new URI(origin);
                } catch (URISyntaxException e) {
                    uri = null;
                }
                if (uri == null || uri.getHost() == null || !(origin.startsWith("http://") || origin.startsWith("https://"))
                        || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                    throw Invalid.because("must be origins such as http://localhost:3080, comma-separated, each"
                            + " with no path (it has '" + abbreviate(part.strip()) + "')");
                }
                origins.add(origin);
            }
            return List.copyOf(origins);
        };
    }

    /** An absolute http(s) URL with no query, https unless it points at this machine; {@code example} shows one. */
    static Parser<URI> baseUrl(String example) {
        return (text, numbers) -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw Invalid.because("is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host != null && (host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches()
                    || host.equals("[::1]"));
            if (host == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw Invalid.because("must be an absolute http(s) URL with no query, such as " + example);
            }
            // Basic auth carries the auth token: plain HTTP is only acceptable when it never leaves the machine.
            if (scheme.equals("http") && !loopback) {
                throw Invalid.because("must use https unless it points at this machine (localhost or 127.0.0.1)");
            }
            String url = uri.toString();
            return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        };
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "...";
    }
}
