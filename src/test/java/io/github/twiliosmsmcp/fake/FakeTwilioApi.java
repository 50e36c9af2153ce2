package io.github.twiliosmsmcp.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
  * A real HTTP server on loopback that speaks enough of Twilio's 2010-04-01 Messages API for the
  * real Twilio Java SDK to create, fetch and list messages against it, to list (and fetch the
  * metadata of) each message's Media subresource, and to list, fetch and update the account's
  * IncomingPhoneNumbers ({@link FakeIncomingNumbers}).
  *
  * <p>Every create request is recorded, including rejected ones, so tests can prove how many
  * POSTs a client really sent (e.g. that it did not retry after a 5xx or a timeout). Message
  * statuses follow a per-recipient {@link Scenario} and are computed from the elapsed time at
  * read time. Thread-safe.
  */
public final class FakeTwilioApi implements AutoCloseable {

    private static final Pattern MESSAGES_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern MESSAGE_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
    private static final Pattern MEDIA_LIST_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)/Media\\.json");
    private static final Pattern MEDIA_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)/Media/([^/]+)\\.json");
    private static final Pattern NUMBERS_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\\.json");
    private static final Pattern NUMBER_PATH =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers/([^/]+)\\.json");

    private static final int MAX_BODY_LENGTH = 1600;
    private static final int MAX_MEDIA = 10;
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final List<String> LIST_FILTERS =
            List.of("To", "From", "DateSent", "DateSent>", "DateSent<");

    private final String accountSid;
    private final String authToken;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeIncomingNumbers incomingNumbers;

    // All mutable state below is guarded by "this"; handlers hold the lock only briefly.
    private final Map<String, String> apiKeys = new HashMap<>();
    private final Set<String> ownedNumbers = new HashSet<>();
    private final Set<String> messagingServices = new HashSet<>();
    private final Map<String, Scenario> scenarios = new HashMap<>();
    private final Map<String, Integer> acceptedCreatesTo = new HashMap<>();
    private final Map<String, FakeMessage> messages = new LinkedHashMap<>();
    private final List<Map<String, List<String>>> createRequests = new ArrayList<>();
    private final Map<String, List<MediaItem>> mediaByMessage = new HashMap<>();
    private final Map<String, MediaItem> mediaBySid = new HashMap<>();
    private int listCount;
    private int mediaListCount;

    /** One media file of a message: its ME SID and the URL it was injected or sent with. */
    private record MediaItem(String sid, String messageSid, String sourceUrl) {}

    private FakeTwilioApi(String accountSid, String authToken, Clock clock) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.clock = clock;
        this.incomingNumbers = new FakeIncomingNumbers(accountSid, clock);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor =
                Executors.newFixedThreadPool(
                        8,
                        runnable -> {
                            Thread thread = new Thread(runnable, "fake-twilio-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static FakeTwilioApi start(String accountSid, String authToken) {
        return start(accountSid, authToken, Clock.systemUTC());
    }

    /** With a controllable clock, status timelines can be stepped through deterministically. */
    public static FakeTwilioApi start(String accountSid, String authToken, Clock clock) {
        try {
            FakeTwilioApi fake = new FakeTwilioApi(accountSid, authToken, clock);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Twilio API", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String accountSid() {
        return accountSid;
    }

    @Override
    public void close() {
        server.stop(0);
        // Interrupts handlers still holding back a delayed create response.
        executor.shutdownNow();
    }

    // ---- configuration -------------------------------------------------------------------------

    public synchronized void addApiKey(String keySid, String secret) {
        apiKeys.put(keySid, secret);
    }

    /** A number of the account: it may send, and it is listed among the account's incoming phone numbers. */
    public synchronized void addOwnedNumber(String e164) {
        ownedNumbers.add(e164);
        incomingNumbers.add(e164);
    }

    /** The account's IncomingPhoneNumbers resource: its numbers' SMS webhooks and the updates received. */
    public FakeIncomingNumbers incomingNumbers() {
        return incomingNumbers;
    }

    public synchronized void addMessagingService(String messagingServiceSid) {
        messagingServices.add(messagingServiceSid);
    }

    /** Scripts what happens to messages sent to {@code to}; unscripted numbers get delivered(). */
    public synchronized void script(String to, Scenario scenario) {
        scenarios.put(to, scenario);
        acceptedCreatesTo.remove(to);
    }

    /**
      * Adds a message as if someone had texted {@code to}; returns its SID. Like Twilio, the SID
      * starts with "MM" when the message carries media (an MMS) and with "SM" otherwise. Each media
      * URL becomes one entry of the message's Media subresource.
      */
    public String injectInbound(
            String from, String to, String body, Instant dateSent, String... mediaUrls) {
        FakeMessage message =
                new FakeMessage(
                        newSid(mediaUrls.length > 0 ? "MM" : "SM"),
                        accountSid,
                        to,
                        from,
                        null,
                        body,
                        List.of(mediaUrls),
                        "inbound",
                        dateSent,
                        null);
        synchronized (this) {
            store(message);
        }
        return message.sid();
    }

    // ---- observations --------------------------------------------------------------------------

    /** Every POST to Messages.json received so far, including rejected ones. */
    public synchronized int createCount() {
        return createRequests.size();
    }

    /** The form parameters of every create request, in the order the requests arrived. */
    public synchronized List<Map<String, List<String>>> createRequests() {
        return List.copyOf(createRequests);
    }

    /** How many create requests (accepted or not) named {@code to} as recipient. */
    public synchronized long createsTo(String to) {
        return createRequests.stream()
                .filter(form -> form.getOrDefault("To", List.of()).contains(to))
                .count();
    }

    public synchronized int listCount() {
        return listCount;
    }

    /** Every GET of a message's Media.json list received so far, including rejected ones. */
    public synchronized int mediaListCount() {
        return mediaListCount;
    }

    /** The ME SIDs of a message's media, in the order its media URLs were given; empty if unknown. */
    public synchronized List<String> mediaSids(String messageSid) {
        return mediaByMessage.getOrDefault(messageSid, List.of()).stream()
                .map(MediaItem::sid)
                .toList();
    }

    /** The URL a media entry was injected or sent with (its MediaUrl), by the media's ME SID. */
    public synchronized Optional<String> mediaSourceUrl(String mediaSid) {
        return Optional.ofNullable(mediaBySid.get(mediaSid)).map(MediaItem::sourceUrl);
    }

    /** All messages, outbound and inbound, in creation order. */
    public synchronized List<FakeMessage> messages() {
        return List.copyOf(messages.values());
    }

    public synchronized Optional<FakeMessage> message(String sid) {
        return Optional.ofNullable(messages.get(sid));
    }

    /** The status a fetch would report right now. */
    public String statusOf(String sid) {
        return message(sid)
                .map(m -> m.statusAt(clock.instant()))
                .orElseThrow(() -> new IllegalArgumentException("no message " + sid));
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private record Reply(int status, Object body, Duration delay) {
        Reply(int status, Object body) {
            this(status, body, Duration.ZERO);
        }
    }

    /** A Twilio error answered instead of the resource. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int httpStatus;
        final int code;

        ApiError(int httpStatus, int code, String message) {
            super(message, null, false, false);
            this.httpStatus = httpStatus;
            this.code = code;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (ApiError e) {
                reply = errorReply(e);
            } catch (RuntimeException e) {
                reply = errorReply(new ApiError(500, 20500, "Internal Server Error: " + e));
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    // Shutting down: the client has long given up on this response.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, reply);
        } catch (IOException e) {
            // The client went away (typically after its own timeout); nothing left to tell it.
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher list = MESSAGES_PATH.matcher(path);
        if (list.matches() && method.equals("POST")) {
            return create(exchange, list.group(1));
        }
        if (list.matches() && method.equals("GET")) {
            return list(exchange, list.group(1));
        }
        Matcher one = MESSAGE_PATH.matcher(path);
        if (one.matches() && method.equals("GET")) {
            authenticate(exchange, one.group(1));
            return fetch(one.group(2), path);
        }
        Matcher mediaList = MEDIA_LIST_PATH.matcher(path);
        if (mediaList.matches() && method.equals("GET")) {
            return listMedia(exchange, mediaList.group(1), mediaList.group(2), path);
        }
        Matcher media = MEDIA_PATH.matcher(path);
        if (media.matches() && method.equals("GET")) {
            authenticate(exchange, media.group(1));
            return fetchMedia(media.group(2), media.group(3), path);
        }
        Matcher numbers = NUMBERS_PATH.matcher(path);
        if (numbers.matches() && method.equals("GET")) {
            authenticate(exchange, numbers.group(1));
            return new Reply(200, incomingNumbers.list(parseParams(exchange.getRequestURI().getRawQuery())));
        }
        Matcher number = NUMBER_PATH.matcher(path);
        if (number.matches() && method.equals("GET")) {
            authenticate(exchange, number.group(1));
            return new Reply(200, incomingNumbers.fetch(number.group(2), path));
        }
        if (number.matches() && method.equals("POST")) {
            Map<String, List<String>> form = parseParams(readBody(exchange));
            authenticate(exchange, number.group(1));
            return new Reply(200, incomingNumbers.update(number.group(2), form, path));
        }
        throw notFound(path);
    }

    private Reply create(HttpExchange exchange, String urlAccountSid) throws IOException {
        Map<String, List<String>> form = parseParams(readBody(exchange));
        synchronized (this) {
            createRequests.add(Collections.unmodifiableMap(form));
        }
        authenticate(exchange, urlAccountSid);

        String to = first(form, "To");
        String from = first(form, "From");
        String serviceSid = first(form, "MessagingServiceSid");
        String body = first(form, "Body");
        List<String> mediaUrls = form.getOrDefault("MediaUrl", List.of());

        if (isBlank(to)) {
            throw new ApiError(400, 21604, "A 'To' phone number is required.");
        }
        if (isBlank(from) && isBlank(serviceSid)) {
            throw new ApiError(400, 21603, "A 'From' phone number is required.");
        }
        synchronized (this) {
            if (!isBlank(from) && !ownedNumbers.contains(from)) {
                throw new ApiError(
                        400,
                        21606,
                        "The From phone number "
                                + from
                                + " is not a valid, SMS-capable inbound phone number or short code for your"
                                + " account.");
            }
            if (!isBlank(serviceSid) && !messagingServices.contains(serviceSid)) {
                throw new ApiError(
                        400, 21701, "The Messaging Service Sid " + serviceSid + " is invalid.");
            }
        }
        if (isBlank(body) && mediaUrls.isEmpty()) {
            throw new ApiError(400, 21602, "Message body is required.");
        }
        if (body != null && body.length() > MAX_BODY_LENGTH) {
            throw new ApiError(
                    400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (mediaUrls.size() > MAX_MEDIA) {
            throw new ApiError(400, 21623, "The number of media files exceeds the limit of 10.");
        }
        rejectMagicNumber(to, from);

        Scenario scenario;
        FakeMessage message;
        synchronized (this) {
            scenario = scenarios.getOrDefault(to, Scenario.delivered());
            if (scenario.rejection() != null) {
                throw apiError(scenario.rejection());
            }
            int attempt = acceptedCreatesTo.merge(to, 1, Integer::sum);
            if (attempt <= scenario.failFirstCreates()) {
                throw apiError(scenario.firstCreatesFailure());
            }
            message =
                    new FakeMessage(
                            newSid("SM"),
                            accountSid,
                            to,
                            isBlank(from) ? null : from,
                            isBlank(serviceSid) ? null : serviceSid,
                            body == null ? "" : body,
                            mediaUrls,
                            "outbound-api",
                            clock.instant(),
                            scenario);
            store(message);
        }
        return new Reply(201, message.toJson(clock.instant()), scenario.createResponseDelay());
    }

    // Twilio's documented test numbers, honoured for any credentials here.
    private static void rejectMagicNumber(String to, String from) {
        switch (to) {
            case "+15005550001" -> throw new ApiError(
                    400, 21211, "The 'To' number " + to + " is not a valid phone number.");
            case "+15005550002" -> throw new ApiError(
                    400,
                    21612,
                    "The 'To' phone number: "
                            + to
                            + ", is not currently reachable using the 'From' phone number: "
                            + from
                            + " via SMS.");
            case "+15005550003" -> throw new ApiError(
                    400,
                    21408,
                    "Permission to send an SMS has not been enabled for the region indicated by the 'To'"
                            + " number: "
                            + to
                            + ".");
            case "+15005550004" -> throw new ApiError(
                    400, 21610, "Attempt to send to unsubscribed recipient");
            case "+15005550009" -> throw new ApiError(
                    400, 21614, "'To' number is not a valid mobile number");
            default -> {}
        }
    }

    private Reply fetch(String sid, String path) {
        FakeMessage message;
        synchronized (this) {
            message = messages.get(sid);
        }
        if (message == null) {
            throw notFound(path);
        }
        return new Reply(200, message.toJson(clock.instant()));
    }

    private Reply listMedia(
            HttpExchange exchange, String urlAccountSid, String messageSid, String path) {
        synchronized (this) {
            mediaListCount++;
        }
        authenticate(exchange, urlAccountSid);
        Map<String, List<String>> query = parseParams(exchange.getRequestURI().getRawQuery());
        FakeMessage message;
        List<MediaItem> items;
        synchronized (this) {
            message = messages.get(messageSid);
            items = mediaByMessage.getOrDefault(messageSid, List.of());
        }
        if (message == null) {
            throw notFound(path);
        }

        int pageSize = intParam(query, "PageSize", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ApiError(400, 20001, "PageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        int page = intParam(query, "Page", 0);
        int start = (int) Math.min(Math.max((long) page * pageSize, 0), items.size());
        int end = Math.min(start + pageSize, items.size());
        List<MediaItem> records = items.subList(start, end);

        String base = messageUri(messageSid) + "/Media.json";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("media_list", records.stream().map(item -> mediaJson(item, message)).toList());
        json.put("end", records.isEmpty() ? start : end - 1);
        json.put("first_page_uri", base + "?PageSize=" + pageSize + "&Page=0");
        json.put(
                "next_page_uri",
                end < items.size() ? base + "?PageSize=" + pageSize + "&Page=" + (page + 1) : null);
        json.put("page", page);
        json.put("page_size", pageSize);
        json.put(
                "previous_page_uri",
                page > 0 ? base + "?PageSize=" + pageSize + "&Page=" + (page - 1) : null);
        json.put("start", start);
        json.put("uri", base + "?PageSize=" + pageSize + "&Page=" + page);
        return new Reply(200, json);
    }

    private Reply fetchMedia(String messageSid, String mediaSid, String path) {
        FakeMessage message;
        MediaItem item;
        synchronized (this) {
            message = messages.get(messageSid);
            item = mediaBySid.get(mediaSid);
        }
        if (message == null || item == null || !item.messageSid().equals(messageSid)) {
            throw notFound(path);
        }
        return new Reply(200, mediaJson(item, message));
    }

    /** The media resource as the 2010-04-01 API serializes it. */
    private Map<String, Object> mediaJson(MediaItem item, FakeMessage message) {
        String date = FakeMessage.formatDate(message.createdAt());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", accountSid);
        json.put("content_type", contentType(item.sourceUrl()));
        json.put("date_created", date);
        json.put("date_updated", date);
        json.put("parent_sid", message.sid());
        json.put("sid", item.sid());
        json.put("uri", messageUri(message.sid()) + "/Media/" + item.sid() + ".json");
        return json;
    }

    private String messageUri(String messageSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages/" + messageSid;
    }

    private Reply list(HttpExchange exchange, String urlAccountSid) {
        synchronized (this) {
            listCount++;
        }
        authenticate(exchange, urlAccountSid);
        Map<String, List<String>> query = parseParams(exchange.getRequestURI().getRawQuery());

        Predicate<FakeMessage> filter = m -> true;
        String to = first(query, "To");
        if (to != null) {
            filter = filter.and(m -> to.equals(m.to()));
        }
        String from = first(query, "From");
        if (from != null) {
            filter = filter.and(m -> from.equals(m.from()));
        }
        // Like real Twilio, DateSent filters look only at the date part, compared in UTC.
        LocalDate on = dateParam(query, "DateSent");
        if (on != null) {
            filter = filter.and(m -> utcDate(m).isEqual(on));
        }
        LocalDate onOrAfter = dateParam(query, "DateSent>");
        if (onOrAfter != null) {
            filter = filter.and(m -> !utcDate(m).isBefore(onOrAfter));
        }
        LocalDate onOrBefore = dateParam(query, "DateSent<");
        if (onOrBefore != null) {
            filter = filter.and(m -> !utcDate(m).isAfter(onOrBefore));
        }

        List<FakeMessage> matching;
        synchronized (this) {
            matching =
                    messages.values().stream()
                            .filter(filter)
                            .sorted(
                                    Comparator.comparing(FakeMessage::createdAt)
                                            .thenComparing(FakeMessage::sid)
                                            .reversed())
                            .toList();
        }

        int pageSize = intParam(query, "PageSize", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ApiError(400, 20001, "PageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        int page = intParam(query, "Page", 0);
        String pageToken = first(query, "PageToken");
        int start = startOfPage(matching.stream().map(FakeMessage::sid).toList(), page, pageSize, pageToken);
        int end = Math.min(start + pageSize, matching.size());
        List<FakeMessage> records = matching.subList(start, end);

        String base = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        String filters = encodeFilters(query);
        Instant now = clock.instant();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messages", records.stream().map(m -> m.toJson(now)).toList());
        json.put("end", records.isEmpty() ? start : end - 1);
        json.put("first_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=0");
        json.put(
                "next_page_uri",
                end < matching.size()
                        ? base
                                + "?"
                                + filters
                                + "PageSize="
                                + pageSize
                                + "&Page="
                                + (page + 1)
                                + "&PageToken=PA"
                                + records.get(records.size() - 1).sid()
                        : null);
        json.put("page", page);
        json.put("page_size", pageSize);
        json.put(
                "previous_page_uri",
                page > 0 ? base + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page - 1) : null);
        json.put("start", start);
        json.put(
                "uri",
                base
                        + "?"
                        + filters
                        + "PageSize="
                        + pageSize
                        + "&Page="
                        + page
                        + (pageToken == null ? "" : "&PageToken=" + encode(pageToken)));
        return new Reply(200, json);
    }

    // A "PA<sid>" token continues after that resource, so pages stay stable while newer messages
    // arrive at the front of the list; without a usable token, Page counts from the start.
    static int startOfPage(List<String> sids, int page, int pageSize, String pageToken) {
        if (pageToken != null && pageToken.startsWith("PA")) {
            int after = sids.indexOf(pageToken.substring(2));
            if (after >= 0) {
                return after + 1;
            }
        }
        long start = (long) page * pageSize;
        return (int) Math.min(Math.max(start, 0), sids.size());
    }

    private static String encodeFilters(Map<String, List<String>> query) {
        StringBuilder filters = new StringBuilder();
        for (String name : LIST_FILTERS) {
            for (String value : query.getOrDefault(name, List.of())) {
                filters.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        }
        return filters.toString();
    }

    private void authenticate(HttpExchange exchange, String urlAccountSid) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (!urlAccountSid.equals(accountSid) || header == null || !header.startsWith("Basic ")) {
            throw authenticate();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw authenticate();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw authenticate();
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        boolean valid;
        synchronized (this) {
            valid =
                    (username.equals(accountSid) && password.equals(authToken))
                            || password.equals(apiKeys.get(username));
        }
        if (!valid) {
            throw authenticate();
        }
    }

    private static ApiError authenticate() {
        return new ApiError(401, 20003, "Authenticate");
    }

    static ApiError notFound(String path) {
        return new ApiError(404, 20404, "The requested resource " + path + " was not found");
    }

    private static ApiError apiError(Scenario.Rejection rejection) {
        return new ApiError(rejection.httpStatus(), rejection.code(), rejection.message());
    }

    private static Reply errorReply(ApiError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", error.code);
        json.put("message", error.getMessage());
        json.put("more_info", "https://www.twilio.com/docs/errors/" + error.code);
        json.put("status", error.httpStatus);
        return new Reply(error.httpStatus, json);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(reply.body());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        // Tempts clients into HTTP-level retries, which must not happen for a create.
        if (reply.status() == 429 || reply.status() == 503) {
            headers.set("Retry-After", "1");
        }
        if (reply.status() == 401) {
            headers.set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String defaultErrorMessage(int code) {
        return switch (code) {
            case 20003 -> "Authenticate";
            case 20429 -> "Too Many Requests";
            case 20500 -> "Internal Server Error";
            case 20503 -> "Service Unavailable";
            default -> "Simulated error " + code;
        };
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Parses form or query parameters, keeping their order and repeated names. */
    private static Map<String, List<String>> parseParams(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return params;
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static int intParam(Map<String, List<String>> params, String name, int fallback) {
        String value = first(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiError(400, 20001, "Invalid " + name + ": " + value);
        }
    }

    /** The SDK sends date-times (e.g. 2026-11-21T10:00:00); only the leading date counts. */
    private static LocalDate dateParam(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, 20001, "Invalid " + name + ": " + value);
        }
    }

    private static LocalDate utcDate(FakeMessage message) {
        return LocalDate.ofInstant(message.createdAt(), ZoneOffset.UTC);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Keeps a new message and gives each of its media URLs an ME SID; caller holds the lock. */
    private void store(FakeMessage message) {
        messages.put(message.sid(), message);
        List<MediaItem> items = new ArrayList<>();
        for (String url : message.mediaUrls()) {
            MediaItem item = new MediaItem(newSid("ME"), message.sid(), url);
            items.add(item);
            mediaBySid.put(item.sid(), item);
        }
        mediaByMessage.put(message.sid(), List.copyOf(items));
    }

    /** Guesses a media file's type from the extension of its URL's path. */
    static String contentType(String url) {
        String path = url;
        int cut = path.indexOf('#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        path = path.toLowerCase(Locale.ROOT);
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        return "application/octet-stream";
    }

    /** A Twilio-style SID: the two-letter prefix and 32 lowercase hex digits. */
    private static String newSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
