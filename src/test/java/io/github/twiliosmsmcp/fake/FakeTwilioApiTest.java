package io.github.twiliosmsmcp.fake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.base.Page;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.type.PhoneNumber;
import io.github.twiliosmsmcp.store.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the fake with the real Twilio SDK, so the fake is proven to speak the SDK's dialect. */
class FakeTwilioApiTest {

    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "test-auth-token";
    private static final String OWNED = "+15005550006";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    private static final String RECIPIENT = "+14155550100";
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();
    private FakeTwilioApi fake;
    private TwilioRestClient client;

    @BeforeEach
    void startFake() {
        fake = FakeTwilioApi.start(ACCOUNT_SID, AUTH_TOKEN);
        configure(fake);
        client = restClient(fake, ACCOUNT_SID, AUTH_TOKEN);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static void configure(FakeTwilioApi api) {
        api.addOwnedNumber(OWNED);
        api.addMessagingService(SERVICE);
    }

    // ---- create ----------------------------------------------------------------------------------

    @Test
    void createAnswersLikeTwilio() {
        Message message = send(RECIPIENT, "hello");

        assertAll(
                () -> assertTrue(message.getSid().matches("SM[0-9a-f]{32}"), message.getSid()),
                () -> assertEquals(Message.Status.QUEUED, message.getStatus()),
                () -> assertEquals(Message.Direction.OUTBOUND_API, message.getDirection()),
                () -> assertEquals(new PhoneNumber(OWNED), message.getFrom()),
                () -> assertEquals(RECIPIENT, message.getTo()),
                () -> assertEquals("hello", message.getBody()),
                () -> assertEquals(ACCOUNT_SID, message.getAccountSid()),
                () -> assertEquals("2010-04-01", message.getApiVersion()),
                () -> assertEquals("1", message.getNumSegments()),
                () -> assertEquals("0", message.getNumMedia()),
                () -> assertNull(message.getPrice()),
                () -> assertNull(message.getErrorCode()),
                () -> assertNotNull(message.getDateCreated()),
                () -> assertNotNull(message.getDateSent()),
                () -> assertEquals(ZoneOffset.UTC, message.getDateCreated().getOffset()),
                () -> assertTrue(message.getUri().endsWith("/Messages/" + message.getSid() + ".json")),
                () -> assertNotNull(message.getSubresourceUris().get("media")));
        assertEquals(1, fake.createCount());
        assertEquals(
                Map.of("To", List.of(RECIPIENT), "From", List.of(OWNED), "Body", List.of("hello")),
                fake.createRequests().get(0));
    }

    @Test
    void mediaAndLongBodiesAreCounted() {
        Message message =
                Message.creator(new PhoneNumber(RECIPIENT), new PhoneNumber(OWNED), "x".repeat(161))
                        .setMediaUrl(
                                List.of(
                                        URI.create("https://example.com/a.png"),
                                        URI.create("https://example.com/b.png")))
                        .create(client);

        assertEquals("2", message.getNumMedia());
        assertEquals("2", message.getNumSegments());
        assertEquals(
                List.of("https://example.com/a.png", "https://example.com/b.png"),
                fake.createRequests().get(0).get("MediaUrl"));
    }

    @Test
    void messagingServiceOnlyCreatesAreAcceptedWithoutSender() {
        Message message =
                Message.creator(new PhoneNumber(RECIPIENT), SERVICE, "via service").create(client);

        assertEquals(Message.Status.ACCEPTED, message.getStatus());
        assertEquals(SERVICE, message.getMessagingServiceSid());
        assertNull(message.getFrom());
    }

    @ParameterizedTest
    @CsvSource({
        "+15005550001, 21211",
        "+15005550002, 21612",
        "+15005550003, 21408",
        "+15005550004, 21610",
        "+15005550009, 21614"
    })
    void magicNumbersAreRejected(String to, int code) {
        ApiException e = assertThrows(ApiException.class, () -> send(to, "hi"));

        assertEquals(code, e.getCode());
        assertEquals(400, e.getStatusCode());
        assertEquals("https://www.twilio.com/docs/errors/" + code, e.getMoreInfo());
        assertEquals(1, fake.createsTo(to));
        assertTrue(fake.messages().isEmpty());
    }

    @Test
    void invalidToMessageNamesTheNumber() {
        ApiException e = assertThrows(ApiException.class, () -> send("+15005550001", "hi"));

        assertEquals("The 'To' number +15005550001 is not a valid phone number.", e.getMessage());
    }

    @Test
    void senderAndServiceMustBelongToTheAccount() {
        ApiException unowned =
                assertThrows(
                        ApiException.class,
                        () ->
                                Message.creator(new PhoneNumber(RECIPIENT), new PhoneNumber("+14155550199"), "hi")
                                        .create(client));
        ApiException unknownService =
                assertThrows(
                        ApiException.class,
                        () ->
                                Message.creator(new PhoneNumber(RECIPIENT), "MG" + "f".repeat(32), "hi")
                                        .create(client));

        assertEquals(21606, unowned.getCode());
        assertEquals(21701, unknownService.getCode());
        assertTrue(unknownService.getMessage().contains("is invalid"), unknownService.getMessage());
        assertEquals(2, fake.createCount());
    }

    @Test
    void bodyTooLongIsRejected() {
        ApiException e = assertThrows(ApiException.class, () -> send(RECIPIENT, "x".repeat(1601)));

        assertEquals(21617, e.getCode());
    }

    @Test
    void missingParametersAreRejectedInTwilioOrder() throws Exception {
        assertEquals(21604, errorCode(rawCreate("From=%2B15005550006&Body=hi")));
        assertEquals(21603, errorCode(rawCreate("To=%2B14155550100&Body=hi")));
        assertEquals(21602, errorCode(rawCreate("To=%2B14155550100&From=%2B15005550006")));
        // Missing To wins over a missing sender, which wins over a missing body.
        assertEquals(21604, errorCode(rawCreate("Body=")));
        assertEquals(4, fake.createCount());
    }

    // ---- authentication --------------------------------------------------------------------------

    @Test
    void badCredentialsGet20003() {
        TwilioRestClient wrongToken = restClient(fake, ACCOUNT_SID, "not-the-token");

        ApiException e = assertThrows(ApiException.class, () -> send(wrongToken, RECIPIENT, "hi"));

        assertEquals(20003, e.getCode());
        assertEquals(401, e.getStatusCode());
        assertEquals(1, fake.createCount(), "rejected creates are recorded too");
        assertTrue(fake.messages().isEmpty());
    }

    @Test
    void apiKeysAuthenticateForTheConfiguredAccountOnly() {
        fake.addApiKey("SK0123456789abcdef0123456789abcdef", "key-secret");
        TwilioRestClient withKey =
                restClient(fake, "SK0123456789abcdef0123456789abcdef", "key-secret", ACCOUNT_SID);
        TwilioRestClient otherAccount =
                restClient(
                        fake,
                        "SK0123456789abcdef0123456789abcdef",
                        "key-secret",
                        "ACffffffffffffffffffffffffffffffff");

        assertEquals(Message.Status.QUEUED, send(withKey, RECIPIENT, "hi").getStatus());
        ApiException e = assertThrows(ApiException.class, () -> send(otherAccount, RECIPIENT, "hi"));
        assertEquals(20003, e.getCode());
    }

    // ---- status timelines ------------------------------------------------------------------------

    @Test
    void unscriptedMessagesAreDeliveredOverTime() {
        Message created = send(RECIPIENT, "hello");

        Message delivered =
                await(() -> fetch(created.getSid()), m -> m.getStatus() == Message.Status.DELIVERED);

        assertEquals("-0.00790", delivered.getPrice());
        assertEquals("USD", delivered.getPriceUnit().getCurrencyCode());
        assertNull(delivered.getErrorCode());
        assertNull(delivered.getErrorMessage());
    }

    @Test
    void undeliveredScenarioReportsCarrierError() {
        fake.script(RECIPIENT, Scenario.undelivered(30003, "Unreachable destination handset"));
        Message created = send(RECIPIENT, "hello");

        Message finalMessage =
                await(() -> fetch(created.getSid()), m -> m.getStatus() == Message.Status.UNDELIVERED);

        assertEquals(30003, finalMessage.getErrorCode());
        assertEquals("Unreachable destination handset", finalMessage.getErrorMessage());
        assertEquals("-0.00790", finalMessage.getPrice());
    }

    @Test
    void timelineIsComputedFromTheClockAtReadTime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        try (FakeTwilioApi clocked = FakeTwilioApi.start(ACCOUNT_SID, AUTH_TOKEN, clock)) {
            configure(clocked);
            clocked.script(RECIPIENT, Scenario.undelivered(30003, "Unreachable destination handset"));
            TwilioRestClient c = restClient(clocked, ACCOUNT_SID, AUTH_TOKEN);
            String sid = send(c, RECIPIENT, "hello").getSid();

            List<Message.Status> seen = new ArrayList<>();
            List<String> prices = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Message m = Message.fetcher(sid).fetch(c);
                seen.add(m.getStatus());
                prices.add(m.getPrice());
                clock.advance(Duration.ofMillis(100));
            }

            assertEquals(
                    List.of(
                            Message.Status.QUEUED,
                            Message.Status.SENDING,
                            Message.Status.SENT,
                            Message.Status.SENT,
                            Message.Status.UNDELIVERED),
                    seen);
            assertEquals(Arrays.asList(null, null, null, null, "-0.00790"), prices);
            Message last = Message.fetcher(sid).fetch(c);
            // RFC 2822 dates have whole seconds, so 12:00:00.400 shows as 12:00:00.
            assertEquals(Instant.parse("2026-11-21T12:00:00Z"), last.getDateUpdated().toInstant());
            assertEquals(Instant.parse("2026-11-21T12:00:00Z"), last.getDateCreated().toInstant());
        }
    }

    @Test
    void failedAndStaysSentScenarios() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        try (FakeTwilioApi clocked = FakeTwilioApi.start(ACCOUNT_SID, AUTH_TOKEN, clock)) {
            configure(clocked);
            clocked.script("+14155550101", Scenario.failed(30008, "Unknown error"));
            clocked.script("+14155550102", Scenario.staysSent());
            TwilioRestClient c = restClient(clocked, ACCOUNT_SID, AUTH_TOKEN);
            String failed = send(c, "+14155550101", "a").getSid();
            String sent = send(c, "+14155550102", "b").getSid();

            clock.advance(Duration.ofHours(1));

            Message f = Message.fetcher(failed).fetch(c);
            assertEquals(Message.Status.FAILED, f.getStatus());
            assertEquals(30008, f.getErrorCode());
            assertNull(f.getPrice());
            Message s = Message.fetcher(sent).fetch(c);
            assertEquals(Message.Status.SENT, s.getStatus());
            assertNull(s.getPrice());
            assertNull(s.getErrorCode());
        }
    }

    @Test
    void fetchingAnUnknownSidIs404() {
        ApiException e =
                assertThrows(ApiException.class, () -> fetch("SM" + "0".repeat(32)));

        assertEquals(20404, e.getCode());
        assertEquals(404, e.getStatusCode());
    }

    // ---- create counting: the point of the fake --------------------------------------------------

    @Test
    void serverErrorCountsExactlyOneCreate() {
        fake.script(RECIPIENT, Scenario.rejected(500, 20500, "Internal Server Error"));

        ApiException e = assertThrows(ApiException.class, () -> send(RECIPIENT, "hi"));

        assertEquals(500, e.getStatusCode());
        assertEquals(20500, e.getCode());
        assertEquals(1, fake.createCount());
        assertEquals(1, fake.createsTo(RECIPIENT));
        assertTrue(fake.messages().isEmpty());
    }

    @Test
    void rejectedScenarioCanImitateAnOptOut() {
        fake.script(
                RECIPIENT, Scenario.rejected(400, 21610, "Attempt to send to unsubscribed recipient"));

        ApiException first = assertThrows(ApiException.class, () -> send(RECIPIENT, "hi"));
        ApiException second = assertThrows(ApiException.class, () -> send(RECIPIENT, "hi"));

        assertEquals(21610, first.getCode());
        assertEquals(21610, second.getCode());
        assertEquals(2, fake.createsTo(RECIPIENT));
    }

    @Test
    void firstCreatesCanFailBeforeSucceeding() {
        fake.script(RECIPIENT, Scenario.delivered().failFirstCreates(1, 429, 20429));

        ApiException e = assertThrows(ApiException.class, () -> send(RECIPIENT, "hi"));
        Message second = send(RECIPIENT, "hi");

        assertEquals(20429, e.getCode());
        assertEquals(429, e.getStatusCode());
        assertEquals(Message.Status.QUEUED, second.getStatus());
        assertEquals(2, fake.createsTo(RECIPIENT));
        assertEquals(1, fake.messages().size());
    }

    @Test
    void throttlingAndUnavailabilityInviteRetries() throws Exception {
        fake.script("+14155550101", Scenario.rejected(503, 20503, "Service Unavailable"));
        fake.script("+14155550102", Scenario.rejected(429, 20429, "Too Many Requests"));
        fake.script("+14155550103", Scenario.rejected(500, 20500, "Internal Server Error"));

        HttpResponse<String> unavailable = rawCreate("To=%2B14155550101&From=%2B15005550006&Body=x");
        HttpResponse<String> throttled = rawCreate("To=%2B14155550102&From=%2B15005550006&Body=x");
        HttpResponse<String> broken = rawCreate("To=%2B14155550103&From=%2B15005550006&Body=x");

        assertEquals(503, unavailable.statusCode());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElse(null));
        assertEquals(429, throttled.statusCode());
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElse(null));
        assertEquals(500, broken.statusCode());
        assertFalse(broken.headers().firstValue("Retry-After").isPresent());
        assertEquals(3, fake.createCount());
    }

    @Test
    void delayedResponseStillCreatesTheMessageOnce() {
        fake.script(RECIPIENT, Scenario.delivered().delayCreateResponse(Duration.ofSeconds(3)));
        TwilioRestClient impatient =
                new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
                        .httpClient(new FakeHttpClient(fake.baseUrl(), Duration.ofMillis(300)))
                        .build();

        assertThrows(ApiConnectionException.class, () -> send(impatient, RECIPIENT, "hi"));

        assertEquals(1, fake.createCount());
        List<Message> listed =
                Message.reader().setTo(new PhoneNumber(RECIPIENT)).firstPage(client).getRecords();
        assertEquals(1, listed.size(), "Twilio accepted the message although the client timed out");
    }

    @Test
    void delayedResponseArrivesAfterTheDelay() {
        fake.script(RECIPIENT, Scenario.delivered().delayCreateResponse(Duration.ofMillis(300)));

        long started = System.nanoTime();
        Message message = send(RECIPIENT, "hi");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertNotNull(message.getSid());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, took.toString());
        assertEquals(1, fake.createCount());
    }

    @Test
    void concurrentCreatesAreAllRecorded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String to = String.format("+1415555%04d", i);
                sends.add(() -> send(to, "hi").getSid());
            }
            Set<String> sids = new HashSet<>();
            for (Future<String> sid : pool.invokeAll(sends)) {
                sids.add(sid.get());
            }
            assertEquals(40, sids.size());
            assertEquals(40, fake.createCount());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- list ------------------------------------------------------------------------------------

    @Test
    void listsInboundMessagesNewestFirstAcrossPages() {
        Instant base = Instant.parse("2026-11-21T10:00:00Z");
        for (int i = 0; i < 120; i++) {
            fake.injectInbound("+14155550111", OWNED, "reply " + i, base.plusSeconds(60L * i));
        }
        fake.injectInbound("+14155550111", "+15005550007", "to another number", base);
        fake.injectInbound("+14155550111", OWNED, "too old", Instant.parse("2026-11-19T23:00:00Z"));
        send(RECIPIENT, "outbound, not to OWNED");

        MessageReader reader =
                Message.reader()
                        .setTo(new PhoneNumber(OWNED))
                        .setDateSentAfter(ZonedDateTime.parse("2026-11-20T00:00:00Z"))
                        .setPageSize(50L);
        List<Message> all = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Page<Message> page = reader.firstPage(client);
        while (true) {
            all.addAll(page.getRecords());
            pageSizes.add(page.getRecords().size());
            if (!page.hasNextPage()) {
                break;
            }
            page = reader.nextPage(page, client);
        }

        assertEquals(List.of(50, 50, 20), pageSizes);
        assertEquals(3, fake.listCount());
        assertEquals(120, all.size());
        assertEquals(120, all.stream().map(Message::getSid).distinct().count());
        assertEquals("reply 119", all.get(0).getBody());
        assertEquals("reply 0", all.get(119).getBody());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).getDateSent().isAfter(all.get(i).getDateSent()), "newest first");
        }
        Message first = all.get(0);
        assertEquals(Message.Direction.INBOUND, first.getDirection());
        assertEquals(Message.Status.RECEIVED, first.getStatus());
        assertEquals("-0.00790", first.getPrice());
        assertEquals(base.plusSeconds(60L * 119), first.getDateSent().toInstant());
    }

    @Test
    void readIteratesAllPagesToo() {
        Instant base = Instant.parse("2026-11-21T10:00:00Z");
        for (int i = 0; i < 7; i++) {
            fake.injectInbound("+14155550111", OWNED, "r" + i, base.plusSeconds(i));
        }

        List<Message> all = new ArrayList<>();
        Message.reader().setFrom("+14155550111").setPageSize(3L).read(client).forEach(all::add);

        assertEquals(7, all.size());
        assertEquals("r6", all.get(0).getBody());
    }

    @Test
    void dateFiltersHonourOnlyTheDate() {
        fake.injectInbound("+14155550111", OWNED, "20th late", Instant.parse("2026-11-20T23:59:59Z"));
        fake.injectInbound("+14155550111", OWNED, "21st early", Instant.parse("2026-11-21T00:00:01Z"));
        fake.injectInbound("+14155550111", OWNED, "21st late", Instant.parse("2026-11-21T15:00:00Z"));
        fake.injectInbound("+14155550111", OWNED, "22nd", Instant.parse("2026-11-22T00:00:00Z"));

        ZonedDateTime noonOn21st = ZonedDateTime.parse("2026-11-21T12:00:00Z");
        assertEquals(
                List.of("22nd", "21st late", "21st early"),
                bodies(Message.reader().setDateSentAfter(noonOn21st)));
        assertEquals(
                List.of("21st late", "21st early", "20th late"),
                bodies(Message.reader().setDateSentBefore(noonOn21st)));
        assertEquals(
                List.of("21st late", "21st early"), bodies(Message.reader().setDateSent(noonOn21st)));
    }

    @Test
    void inboundMediaIsCounted() {
        String sid =
                fake.injectInbound(
                        "+14155550111",
                        OWNED,
                        "",
                        Instant.parse("2026-11-21T10:00:00Z"),
                        "https://example.com/1.jpg",
                        "https://example.com/2.jpg");

        Message message = fetch(sid);

        assertEquals("2", message.getNumMedia());
        assertEquals(Message.Direction.INBOUND, message.getDirection());
    }

    // ---- media -----------------------------------------------------------------------------------

    @Test
    void inboundMmsListsItsMediaLikeTwilio() {
        Instant received = Instant.parse("2026-11-21T10:00:00Z");
        String sid =
                fake.injectInbound(
                        "+14155550111",
                        OWNED,
                        "look",
                        received,
                        "https://example.com/photos/1.JPG?size=large",
                        "https://example.com/2.png");

        List<Media> media = readMedia(sid);

        assertTrue(sid.matches("MM[0-9a-f]{32}"), sid);
        assertEquals(2, media.size());
        assertEquals(1, fake.mediaListCount());
        String messagePath = accountPath("/Messages/" + sid);
        for (Media m : media) {
            assertAll(
                    () -> assertTrue(m.getSid().matches("ME[0-9a-f]{32}"), m.getSid()),
                    () -> assertEquals(sid, m.getParentSid()),
                    () -> assertEquals(ACCOUNT_SID, m.getAccountSid()),
                    () -> assertEquals(messagePath + "/Media/" + m.getSid() + ".json", m.getUri()),
                    () -> assertEquals(received, m.getDateCreated().toInstant()),
                    () -> assertEquals(received, m.getDateUpdated().toInstant()));
        }
        assertEquals("image/jpeg", media.get(0).getContentType());
        assertEquals("image/png", media.get(1).getContentType());
        assertEquals(2, media.stream().map(Media::getSid).distinct().count());
        assertEquals(
                List.of(media.get(0).getSid(), media.get(1).getSid()), fake.mediaSids(sid));
        assertEquals(
                "https://example.com/photos/1.JPG?size=large",
                fake.mediaSourceUrl(media.get(0).getSid()).orElseThrow());
        assertEquals(
                "https://example.com/2.png", fake.mediaSourceUrl(media.get(1).getSid()).orElseThrow());
        assertTrue(fake.mediaSourceUrl("ME" + "0".repeat(32)).isEmpty());
        assertEquals(messagePath + "/Media.json", fetch(sid).getSubresourceUris().get("media"));
    }

    @Test
    void smsListsNoMedia() {
        String inbound =
                fake.injectInbound("+14155550111", OWNED, "plain", Instant.parse("2026-11-21T10:00:00Z"));
        String outbound = send(RECIPIENT, "plain too").getSid();

        assertTrue(inbound.matches("SM[0-9a-f]{32}"), inbound);
        assertEquals(List.of(), readMedia(inbound));
        assertEquals(List.of(), readMedia(outbound));
        assertEquals(List.of(), fake.mediaSids(inbound));
        assertEquals(2, fake.mediaListCount());
        assertEquals(
                accountPath("/Messages/" + inbound + "/Media.json"),
                fetch(inbound).getSubresourceUris().get("media"));
    }

    @Test
    void outboundMediaUrlsAreListedAsMedia() {
        Message message =
                Message.creator(new PhoneNumber(RECIPIENT), new PhoneNumber(OWNED), "pics")
                        .setMediaUrl(
                                List.of(
                                        URI.create("https://example.com/a.gif"),
                                        URI.create("https://example.com/report.pdf")))
                        .create(client);

        List<Media> media = readMedia(message.getSid());

        assertEquals(
                List.of("image/gif", "application/octet-stream"),
                media.stream().map(Media::getContentType).toList());
        assertEquals(message.getSid(), media.get(0).getParentSid());
        assertEquals(
                "https://example.com/report.pdf",
                fake.mediaSourceUrl(media.get(1).getSid()).orElseThrow());
    }

    @Test
    void mediaOfAnUnknownMessageIs404() {
        ApiException e =
                assertThrows(ApiException.class, () -> readMedia("MM" + "0".repeat(32)));

        assertEquals(20404, e.getCode());
        assertEquals(404, e.getStatusCode());
        assertEquals(1, fake.mediaListCount());
    }

    @Test
    void mediaNeedsCredentials() {
        String sid =
                fake.injectInbound(
                        "+14155550111",
                        OWNED,
                        "",
                        Instant.parse("2026-11-21T10:00:00Z"),
                        "https://example.com/1.jpg");
        TwilioRestClient wrongToken = restClient(fake, ACCOUNT_SID, "not-the-token");

        ApiException e =
                assertThrows(
                        ApiException.class,
                        () -> Media.reader(ACCOUNT_SID, sid).read(wrongToken).forEach(m -> {}));

        assertEquals(20003, e.getCode());
        assertEquals(401, e.getStatusCode());
        assertEquals(1, fake.mediaListCount());
    }

    @Test
    void mediaListsAreAnsweredWithTwilioPagingFields() throws Exception {
        String sid =
                fake.injectInbound(
                        "+14155550111",
                        OWNED,
                        "",
                        Instant.parse("2026-11-21T10:00:00Z"),
                        "https://example.com/1.jpg",
                        "https://example.com/2.jpg",
                        "https://example.com/3.jpg");
        String base = accountPath("/Messages/" + sid + "/Media.json");

        JsonNode page = json.readTree(raw("GET", base, null).body());
        JsonNode small = json.readTree(raw("GET", base + "?PageSize=2", null).body());
        List<Media> paged = new ArrayList<>();
        Media.reader(ACCOUNT_SID, sid).setPageSize(2L).read(client).forEach(paged::add);

        assertEquals(3, page.get("media_list").size());
        assertEquals(0, page.get("page").asInt());
        assertEquals(50, page.get("page_size").asInt());
        assertEquals(0, page.get("start").asInt());
        assertEquals(2, page.get("end").asInt());
        assertTrue(page.get("next_page_uri").isNull());
        assertTrue(page.get("previous_page_uri").isNull());
        assertEquals(base + "?PageSize=50&Page=0", page.get("first_page_uri").asText());
        assertEquals(base + "?PageSize=50&Page=0", page.get("uri").asText());
        assertEquals(2, small.get("media_list").size());
        assertEquals(base + "?PageSize=2&Page=1", small.get("next_page_uri").asText());
        assertEquals(3, paged.size());
        assertEquals(fake.mediaSids(sid), paged.stream().map(Media::getSid).toList());
        JsonNode first = page.get("media_list").get(0);
        JsonNode fetched = json.readTree(raw("GET", first.get("uri").asText(), null).body());
        assertEquals(first, fetched);
        HttpResponse<String> elsewhere =
                raw("GET", accountPath("/Messages/SM" + "0".repeat(32) + "/Media/")
                        + first.get("sid").asText() + ".json", null);
        assertEquals(404, elsewhere.statusCode());
    }

    // ---- raw HTTP details the SDK hides ----------------------------------------------------------

    @Test
    void messageJsonIncludesNullsAndTwilioDates() throws Exception {
        JsonNode body =
                json.readTree(rawCreate("To=%2B14155550100&From=%2B15005550006&Body=x").body());

        assertTrue(body.has("error_code") && body.get("error_code").isNull());
        assertTrue(body.has("price") && body.get("price").isNull());
        assertTrue(body.has("messaging_service_sid") && body.get("messaging_service_sid").isNull());
        assertTrue(
                body.get("date_created")
                        .asText()
                        .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000"),
                body.get("date_created").asText());
        assertEquals("outbound-api", body.get("direction").asText());
    }

    @Test
    void unknownRoutesAre404() throws Exception {
        HttpResponse<String> otherPath = raw("GET", accountPath("/Calls.json"), null);
        HttpResponse<String> otherMethod = raw("DELETE", accountPath("/Messages.json"), null);

        assertEquals(404, otherPath.statusCode());
        assertEquals(20404, errorCode(otherPath));
        assertEquals(404, otherMethod.statusCode());
        assertEquals(20404, errorCode(otherMethod));
        assertEquals(0, fake.createCount());
    }

    @Test
    void listsAreAnsweredWithTwilioPagingFields() throws Exception {
        fake.injectInbound("+14155550111", OWNED, "a", Instant.parse("2026-11-21T10:00:00Z"));
        fake.injectInbound("+14155550111", OWNED, "b", Instant.parse("2026-11-21T10:00:01Z"));

        String query = "?To=%2B15005550006&PageSize=1";
        JsonNode page = json.readTree(raw("GET", accountPath("/Messages.json" + query), null).body());

        assertEquals(1, page.get("messages").size());
        assertEquals(0, page.get("page").asInt());
        assertEquals(1, page.get("page_size").asInt());
        assertEquals(0, page.get("start").asInt());
        assertEquals(0, page.get("end").asInt());
        assertTrue(page.get("previous_page_uri").isNull());
        assertEquals(
                accountPath("/Messages.json" + query + "&Page=0"), page.get("first_page_uri").asText());
        String next = page.get("next_page_uri").asText();
        assertTrue(
                next.startsWith(accountPath("/Messages.json" + query + "&Page=1&PageToken=PA")), next);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Message send(String to, String body) {
        return send(client, to, body);
    }

    private static Message send(TwilioRestClient c, String to, String body) {
        return Message.creator(new PhoneNumber(to), new PhoneNumber(OWNED), body).create(c);
    }

    private Message fetch(String sid) {
        return Message.fetcher(sid).fetch(client);
    }

    private List<Media> readMedia(String messageSid) {
        List<Media> media = new ArrayList<>();
        Media.reader(ACCOUNT_SID, messageSid).read(client).forEach(media::add);
        return media;
    }

    private List<String> bodies(MessageReader reader) {
        List<String> bodies = new ArrayList<>();
        reader.read(client).forEach(m -> bodies.add(m.getBody()));
        return bodies;
    }

    /** The real SDK's client, on a transport that sends everything to {@code api}. */
    static TwilioRestClient restClient(FakeTwilioApi api, String username, String password) {
        return new TwilioRestClient.Builder(username, password)
                .httpClient(new FakeHttpClient(api.baseUrl(), PATIENCE))
                .build();
    }

    private static TwilioRestClient restClient(
            FakeTwilioApi api, String username, String password, String accountSid) {
        return new TwilioRestClient.Builder(username, password)
                .accountSid(accountSid)
                .httpClient(new FakeHttpClient(api.baseUrl(), PATIENCE))
                .build();
    }

    private HttpResponse<String> rawCreate(String form) throws Exception {
        return raw("POST", accountPath("/Messages.json"), form);
    }

    private static String accountPath(String resource) {
        return "/2010-04-01/Accounts/" + ACCOUNT_SID + resource;
    }

    private HttpResponse<String> raw(String method, String pathAndQuery, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery))
                        .header("Authorization", basic(ACCOUNT_SID, AUTH_TOKEN))
                        .method(
                                method,
                                form == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int errorCode(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body()).get("code").asInt();
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Polls until the condition holds; the pause is a poll interval, not a synchronisation. */
    private static <T> T await(Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("condition not met within " + PATIENCE + "; last value: " + value);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /**
      * The SDK cannot be pointed at another base URL, so this transport keeps the SDK's path and
      * query, sends them to the fake instead, and never retries (so create counts stay exact).
      */
    private static final class FakeHttpClient extends com.twilio.http.HttpClient {
        private final String baseUrl;
        private final Duration timeout;
        private final HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        FakeHttpClient(String baseUrl, Duration timeout) {
            this.baseUrl = baseUrl;
            this.timeout = timeout;
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request request) {
            URL url = request.constructURL();
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(URI.create(baseUrl + url.getFile()))
                            .timeout(timeout)
                            .header("Accept", "application/json")
                            .header("Authorization", authorization(request));
            switch (request.getMethod()) {
                case GET -> builder.GET();
                case POST ->
                        builder
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
                default ->
                        builder.method(request.getMethod().name(), HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response =
                        http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                Header[] headers =
                        response.headers().map().entrySet().stream()
                                .flatMap(e -> e.getValue().stream().map(v -> new BasicHeader(e.getKey(), v)))
                                .toArray(Header[]::new);
                return new Response(response.body(), response.statusCode(), headers);
            } catch (IOException e) {
                throw new ApiConnectionException("fake Twilio request failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException("interrupted", e);
            }
        }

        private static String authorization(Request request) {
            return request.getAuthStrategy() != null
                    ? request.getAuthStrategy().getAuthString()
                    : request.getAuthString();
        }
    }
}
