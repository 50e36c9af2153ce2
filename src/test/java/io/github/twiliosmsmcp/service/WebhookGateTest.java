package io.github.twiliosmsmcp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.twiliosmsmcp.fake.TwilioSigner;
import io.github.twiliosmsmcp.twilio.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks before a webhook is acted on, each case a request as it reaches the service: only a
 * form signed by Twilio's algorithm (computed here from the documentation, not by the SDK) for the
 * public URL and the auth token passes.
 */
class WebhookGateTest {
    private static final String TOKEN = "12345678901234567890123456789012";
    private static final String PUBLIC = "https://sms.example.com/base";
    private static final String PATH = "/twilio/inbound";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<Map.Entry<String, String>> FIELDS = List.of(Map.entry("MessageSid", "SM1"),
            Map.entry("From", "+14155552671"), Map.entry("To", "+15005550006"), Map.entry("Body", "Hello"));
    private static final List<Map.Entry<String, String>> UNICODE = List.of(Map.entry("MessageSid", "SM2"),
            Map.entry("Body", "Grüße ☃ 👋 & = % +"), Map.entry("From", "+14155552671"));

    /** A request: path (with query), content type, body, declared length (-1: none), signature header. */
    record Request(String pathAndQuery, String contentType, String body, long contentLength, String signature) {}

    private static Request signed(String url, String token, List<Map.Entry<String, String>> signedFields, String body) {
        return new Request(PATH, FORM, body, -1, TwilioSigner.sign(token, url, signedFields));
    }

    private static Request signed(List<Map.Entry<String, String>> fields) {
        return signed(PUBLIC + PATH, TOKEN, fields, TwilioSigner.form(fields));
    }

    static Stream<Arguments> requests() {
        Request good = signed(FIELDS);
        String body = TwilioSigner.form(FIELDS);
        String big = body + "&Pad=" + "x".repeat(WebhookGate.MAX_BODY_BYTES);
        List<Map.Entry<String, String>> repeated = List.of(Map.entry("MessageSid", "SM1"), Map.entry("Body", "a"),
                Map.entry("Body", "b"));
        return Stream.of(
                Arguments.of("signed by Twilio", good, "accepted"),
                Arguments.of("unicode fields", signed(UNICODE), "accepted"),
                Arguments.of("form with a charset", new Request(PATH, FORM + "; charset=UTF-8", body, -1, good.signature()),
                        "accepted"),
                Arguments.of("query signed with the URL", new Request(PATH + "?x=1", FORM, body, -1,
                        TwilioSigner.sign(TOKEN, PUBLIC + PATH + "?x=1", FIELDS)), "accepted"),
                Arguments.of("query left out of the signed URL", new Request(PATH + "?x=1", FORM, body, -1,
                        good.signature()), "403 bad_signature"),
                Arguments.of("signed for another URL", signed("https://other.example.com" + PATH, TOKEN, FIELDS, body),
                        "403 bad_signature"),
                Arguments.of("signed without the base path", signed("https://sms.example.com" + PATH, TOKEN, FIELDS, body),
                        "403 bad_signature"),
                Arguments.of("signed with another token", signed(PUBLIC + PATH, "x" + TOKEN.substring(1), FIELDS, body),
                        "403 bad_signature"),
                Arguments.of("a field changed after signing", new Request(PATH, FORM, body.replace("Hello", "Hellp"), -1,
                        good.signature()), "403 bad_signature"),
                Arguments.of("a field added after signing", new Request(PATH, FORM, body + "&Extra=1", -1,
                        good.signature()), "403 bad_signature"),
                Arguments.of("no signature header", new Request(PATH, FORM, body, -1, null), "403 no_signature"),
                Arguments.of("blank signature header", new Request(PATH, FORM, body, -1, " "), "403 no_signature"),
                Arguments.of("a repeated field, signed as Twilio would sign its values", signed(PUBLIC + PATH, TOKEN,
                        repeated, TwilioSigner.form(repeated)), "403 repeated_field"),
                Arguments.of("JSON", new Request(PATH, "application/json", "{}", -1, good.signature()), "415 content_type"),
                Arguments.of("no content type", new Request(PATH, null, body, -1, good.signature()), "415 content_type"),
                Arguments.of("multipart", new Request(PATH, "multipart/form-data; boundary=x", body, -1, good.signature()),
                        "415 content_type"),
                Arguments.of("body over the limit", new Request(PATH, FORM, big, -1, good.signature()), "413 too_large"),
                Arguments.of("declared length over the limit", new Request(PATH, FORM, body, 1 << 20, good.signature()),
                        "413 too_large"),
                Arguments.of("a broken %-escape", new Request(PATH, FORM, "Body=%zz", -1, good.signature()),
                        "400 malformed_form"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("requests")
    void onlyARequestSignedByTwilioForThePublicUrlPasses(String name, Request request, String expected) throws Exception {
        WebhookGate gate = new WebhookGate(Optional.of(URI.create(PUBLIC)), Optional.of(new WebhookSignature(TOKEN)));

        assertEquals(expected, outcome(gate.check(request.pathAndQuery(), request.contentType(), request.contentLength(),
                new ByteArrayInputStream(request.body().getBytes(StandardCharsets.UTF_8)), request.signature())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void withoutAPublicUrlNothingPasses(String name, Request request, String ignored) throws Exception {
        WebhookGate gate = new WebhookGate(Optional.empty(), Optional.of(new WebhookSignature(TOKEN)));

        assertEquals("503 no_public_url", outcome(gate.check(request.pathAndQuery(), request.contentType(),
                request.contentLength(), new ByteArrayInputStream(request.body().getBytes(StandardCharsets.UTF_8)),
                request.signature())));
    }

    @Test
    void withoutTheAuthTokenASignedRequestIsRefused() throws Exception {
        WebhookGate gate = new WebhookGate(Optional.of(URI.create(PUBLIC)), Optional.empty());
        Request good = signed(FIELDS);

        assertEquals("403 no_auth_token", outcome(gate.check(PATH, FORM, -1,
                new ByteArrayInputStream(good.body().getBytes(StandardCharsets.UTF_8)), good.signature())));
    }

    @Test
    void unicodeFieldsArriveIntact() throws Exception {
        WebhookGate gate = new WebhookGate(Optional.of(URI.create(PUBLIC)), Optional.of(new WebhookSignature(TOKEN)));
        Request request = signed(UNICODE);

        Verdict verdict = gate.check(PATH, FORM, -1, new ByteArrayInputStream(request.body().getBytes(StandardCharsets.UTF_8)),
                request.signature());

        assertEquals("Grüße ☃ 👋 & = % +", assertInstanceOf(Verdict.Accepted.class, verdict).fields().get("Body"));
    }

    private static String outcome(Verdict verdict) {
        return verdict instanceof Verdict.Rejected rejected ? rejected.status() + " " + rejected.reason() : "accepted";
    }
}
