package io.github.twiliosmsmcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake speaks the documented shapes, so that tests against it test something. */
class FakeMessageCentralTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeMessageCentral fake = FakeMessageCentral.start("C-TEST", "c2VjcmV0");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void issuesJwtShapedTokensWhoseExpIsTheLifetime() throws Exception {
        fake.tokenLifetime(Duration.ofMinutes(10));

        JsonNode answer = JSON.readTree(get(FakeMessageCentral.TOKEN_PATH + "?customerId=C-TEST&key=c2VjcmV0&scope=NEW").body());
        String[] parts = answer.path("token").asText().split("\\.");
        JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));

        assertEquals(3, parts.length);
        assertEquals("C-TEST", payload.path("sub").asText());
        long inTenMinutes = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
        assertTrue(Math.abs(payload.path("exp").asLong() - inTenMinutes) <= 5, payload::toString);
    }

    @Test
    void refusesWrongCredentialsWithTheirCodes() throws Exception {
        HttpResponse<String> wrongCustomer = get(FakeMessageCentral.TOKEN_PATH + "?customerId=C-OTHER&key=c2VjcmV0&scope=NEW");
        HttpResponse<String> wrongKey = get(FakeMessageCentral.TOKEN_PATH + "?customerId=C-TEST&key=d3Jvbmc&scope=NEW");

        assertEquals(401, wrongCustomer.statusCode());
        assertEquals(501, JSON.readTree(wrongCustomer.body()).path("responseCode").asInt());
        assertEquals(401, wrongKey.statusCode());
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void sendsWithAValidTokenAndRefusesItOnceExpired() throws Exception {
        String token = JSON.readTree(get(FakeMessageCentral.TOKEN_PATH + "?customerId=C-TEST&key=c2VjcmV0&scope=NEW").body())
                .path("token").asText();
        String send = FakeMessageCentral.SEND_PATH
                + "?countryCode=91&customerId=C-TEST&flowType=SMS&mobileNumber=9876543210&type=SMS&message=hi%20there";

        HttpResponse<String> first = post(send, token);
        fake.expireAllTokens();
        HttpResponse<String> second = post(send, token);

        assertEquals(200, first.statusCode());
        assertEquals("474097", JSON.readTree(first.body()).path("data").path("verificationId").asText());
        assertEquals(401, second.statusCode());
        assertEquals(2, fake.sendPosts());
        assertEquals(1, fake.sent().size());
        assertEquals("+919876543210", fake.sent().get(0).to());
        assertEquals("hi there", fake.sent().get(0).message());
    }

    @Test
    void aHangUpSendsButNeverAnswers() throws Exception {
        String token = JSON.readTree(get(FakeMessageCentral.TOKEN_PATH + "?customerId=C-TEST&key=c2VjcmV0&scope=NEW").body())
                .path("token").asText();
        fake.script("+919876543210", MessageCentralScenario.hangUp());

        assertThrows(IOException.class, () -> post(FakeMessageCentral.SEND_PATH
                + "?countryCode=91&customerId=C-TEST&flowType=SMS&mobileNumber=9876543210&type=SMS&message=x", token));
        assertEquals(1, fake.sent().size());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery)).header("authToken", token)
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
