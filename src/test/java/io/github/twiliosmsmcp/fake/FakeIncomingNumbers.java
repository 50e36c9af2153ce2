package io.github.twiliosmsmcp.fake;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fake's IncomingPhoneNumbers resource: the account's own numbers and where each sends the
 * messages it receives (its SMS URL and method). The HTTP side lists (with Twilio's PhoneNumber
 * filter and paging), fetches and updates; a test sets numbers up and reads every update received,
 * rejected ones included, so it can prove how many changes a client asked for. Thread-safe.
 */
public final class FakeIncomingNumbers {
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final List<String> SMS_METHODS = List.of("GET", "POST");

    /** One number of the account as the fake holds it; {@code smsUrl} is empty when none is set. */
    public record Number(String sid, String phoneNumber, String smsUrl, String smsMethod, Instant created, Instant updated) {}

    /** One POST to a number's resource: the PN SID in its path and its form parameters. */
    public record Update(String sid, Map<String, List<String>> form) {}

    private final String accountSid;
    private final Clock clock;
    // Guarded by "this".
    private final Map<String, Number> bySid = new LinkedHashMap<>();
    private final List<Update> updates = new ArrayList<>();

    FakeIncomingNumbers(String accountSid, Clock clock) {
        this.accountSid = accountSid;
        this.clock = clock;
    }

    // ---- set-up and observations ----------------------------------------------------------------

    /** Gives the account {@code e164} (once) with no SMS webhook and Twilio's default method, POST. */
    synchronized Number add(String e164) {
        return find(e164).orElseGet(() -> {
            Instant now = clock.instant();
            Number number = new Number("PN" + UUID.randomUUID().toString().replace("-", ""), e164, "", "POST", now, now);
            bySid.put(number.sid(), number);
            return number;
        });
    }

    /** Sets a number's SMS webhook as if its owner had done it in the Console. */
    public synchronized void setSmsWebhook(String e164, String url, String method) {
        Number number = get(e164);
        bySid.put(number.sid(), new Number(number.sid(), e164, url, method, number.created(), clock.instant()));
    }

    /** The number as it is now. */
    public synchronized Number get(String e164) {
        return find(e164).orElseThrow(() -> new IllegalArgumentException("the account has no number " + e164));
    }

    /** Every POST to a number's resource so far, in the order they arrived. */
    public synchronized List<Update> updates() {
        return List.copyOf(updates);
    }

    private Optional<Number> find(String e164) {
        return bySid.values().stream().filter(number -> number.phoneNumber().equals(e164)).findFirst();
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    /** GET IncomingPhoneNumbers.json: the numbers whose phone_number contains the PhoneNumber filter, a page at a time. */
    Map<String, Object> list(Map<String, List<String>> query) {
        Pattern filter = filter(FakeTwilioApi.first(query, "PhoneNumber"));
        List<Number> matching;
        synchronized (this) {
            matching = bySid.values().stream().filter(number -> filter.matcher(number.phoneNumber()).find()).toList();
        }
        int pageSize = FakeTwilioApi.intParam(query, "PageSize", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new FakeTwilioApi.ApiError(400, 20001, "PageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        int page = FakeTwilioApi.intParam(query, "Page", 0);
        int start = FakeTwilioApi.startOfPage(matching.stream().map(Number::sid).toList(), page, pageSize,
                FakeTwilioApi.first(query, "PageToken"));
        int end = Math.min(start + pageSize, matching.size());
        List<Number> records = matching.subList(start, end);

        String base = "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json?"
                + Optional.ofNullable(FakeTwilioApi.first(query, "PhoneNumber"))
                        .map(value -> "PhoneNumber=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&").orElse("")
                + "PageSize=" + pageSize;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("end", records.isEmpty() ? start : end - 1);
        json.put("first_page_uri", base + "&Page=0");
        json.put("incoming_phone_numbers", records.stream().map(this::json).toList());
        json.put("next_page_uri", end < matching.size()
                ? base + "&Page=" + (page + 1) + "&PageToken=PA" + records.get(records.size() - 1).sid() : null);
        json.put("page", page);
        json.put("page_size", pageSize);
        json.put("previous_page_uri", page > 0 ? base + "&Page=" + (page - 1) : null);
        json.put("start", start);
        json.put("uri", base + "&Page=" + page);
        return json;
    }

    /** GET IncomingPhoneNumbers/{sid}.json. */
    Map<String, Object> fetch(String sid, String path) {
        synchronized (this) {
            return json(known(sid, path));
        }
    }

    /** POST IncomingPhoneNumbers/{sid}.json: changes SmsUrl and SmsMethod when given; other fields are kept as they were. */
    Map<String, Object> update(String sid, Map<String, List<String>> form, String path) {
        synchronized (this) {
            updates.add(new Update(sid, Map.copyOf(form)));
            Number number = known(sid, path);
            String url = Optional.ofNullable(FakeTwilioApi.first(form, "SmsUrl")).orElse(number.smsUrl());
            String method = Optional.ofNullable(FakeTwilioApi.first(form, "SmsMethod"))
                    .map(value -> value.toUpperCase(Locale.ROOT)).orElse(number.smsMethod());
            // The codes of the fake's other parameter errors; Twilio's own words differ by parameter.
            if (!SMS_METHODS.contains(method)) {
                throw new FakeTwilioApi.ApiError(400, 20001, "SmsMethod must be GET or POST");
            }
            if (!url.isEmpty() && !absoluteHttp(url)) {
                throw new FakeTwilioApi.ApiError(400, 20001, "SmsUrl is not a valid URL: " + url);
            }
            Number changed = new Number(sid, number.phoneNumber(), url, method, number.created(), clock.instant());
            bySid.put(sid, changed);
            return json(changed);
        }
    }

    private Number known(String sid, String path) {
        Number number = bySid.get(sid);
        if (number == null) {
            throw FakeTwilioApi.notFound(path);
        }
        return number;
    }

    /** Twilio's PhoneNumber filter: the number contains it, each '*' standing for any one digit. */
    private static Pattern filter(String value) {
        if (value == null) {
            return Pattern.compile("");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            regex.append(c == '*' ? "\\d" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean absoluteHttp(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The resource as the 2010-04-01 API serializes it: the fields the SDK reads, voice ones at their defaults. */
    private Map<String, Object> json(Number number) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", accountSid);
        json.put("address_requirements", "none");
        json.put("api_version", "2010-04-01");
        json.put("beta", false);
        json.put("capabilities", Map.of("voice", true, "sms", true, "mms", true, "fax", false));
        json.put("date_created", FakeMessage.formatDate(number.created()));
        json.put("date_updated", FakeMessage.formatDate(number.updated()));
        json.put("friendly_name", number.phoneNumber());
        json.put("origin", "twilio");
        json.put("phone_number", number.phoneNumber());
        json.put("sid", number.sid());
        json.put("sms_application_sid", "");
        json.put("sms_fallback_method", "POST");
        json.put("sms_fallback_url", "");
        json.put("sms_method", number.smsMethod());
        json.put("sms_url", number.smsUrl());
        json.put("status", "in-use");
        json.put("status_callback", "");
        json.put("status_callback_method", "POST");
        json.put("uri", "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + number.sid() + ".json");
        json.put("voice_method", "POST");
        json.put("voice_url", "");
        return json;
    }
}
