package io.github.twiliosmsmcp.fake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake's IncomingPhoneNumbers resource, driven by the real Twilio SDK as a client drives it. */
class FakeIncomingNumbersTest {
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "test-auth-token";
    private static final List<String> OWNED = List.of("+14155550101", "+14155550102", "+14155550103",
            "+14155550104", "+16502530000");

    private FakeTwilioApi fake;
    private TwilioRestClient client;

    @BeforeEach
    void startFake() {
        fake = FakeTwilioApi.start(ACCOUNT_SID, AUTH_TOKEN);
        OWNED.forEach(fake::addOwnedNumber);
        client = FakeTwilioApiTest.restClient(fake, ACCOUNT_SID, AUTH_TOKEN);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    // Twilio's filter matches any number containing it, '*' standing for one digit.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+14155550103 | +14155550103",
        "+1415555010  | +14155550101 +14155550102 +14155550103 +14155550104",
        "0000         | +16502530000",
        "+1650253000* | +16502530000",
        "+19995550100 | ''",
    })
    void theListKeepsTheNumbersThatContainTheFilterAcrossPages(String filter, String expected) {
        List<String> numbers = new ArrayList<>();
        IncomingPhoneNumber.reader(ACCOUNT_SID).setPhoneNumber(filter).setPageSize(2L).read(client)
                .forEach(number -> numbers.add(number.getPhoneNumber().toString()));

        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), numbers);
    }

    @Test
    void aPageHasTwiliosShape() {
        Page<IncomingPhoneNumber> first = IncomingPhoneNumber.reader(ACCOUNT_SID).setPageSize(3L).firstPage(client);
        Page<IncomingPhoneNumber> second = IncomingPhoneNumber.reader(ACCOUNT_SID).setPageSize(3L).nextPage(first, client);

        assertAll(() -> assertEquals(3, first.getRecords().size()),
                () -> assertEquals(3, first.getPageSize()),
                () -> assertTrue(first.hasNextPage()),
                () -> assertEquals(2, second.getRecords().size()),
                () -> assertFalse(second.hasNextPage()));
    }

    @Test
    void aNewNumberHasNoSmsWebhookAndTheDefaultMethod() {
        IncomingPhoneNumber number = fetch(OWNED.get(0));

        assertAll(() -> assertEquals(fake.incomingNumbers().get(OWNED.get(0)).sid(), number.getSid()),
                () -> assertEquals(OWNED.get(0), number.getPhoneNumber().toString()),
                () -> assertEquals("", number.getSmsUrl() == null ? "" : number.getSmsUrl().toString()),
                () -> assertEquals(HttpMethod.POST, number.getSmsMethod()),
                () -> assertEquals(ACCOUNT_SID, number.getAccountSid()));
    }

    @Test
    void anUpdateChangesTheSmsWebhookAndIsRecorded() {
        fake.incomingNumbers().setSmsWebhook(OWNED.get(1), "https://old.example.com/sms", "GET");
        String sid = fake.incomingNumbers().get(OWNED.get(1)).sid();

        IncomingPhoneNumber updated = IncomingPhoneNumber.updater(ACCOUNT_SID, sid)
                .setSmsUrl(URI.create("https://sms.example.com/twilio/inbound"))
                .setSmsMethod(HttpMethod.POST)
                .update(client);

        assertEquals(URI.create("https://sms.example.com/twilio/inbound"), updated.getSmsUrl());
        assertEquals(HttpMethod.POST, updated.getSmsMethod());
        assertEquals(updated.getSmsUrl(), fetch(OWNED.get(1)).getSmsUrl());
        assertEquals(List.of(new FakeIncomingNumbers.Update(sid, Map.of("SmsUrl",
                List.of("https://sms.example.com/twilio/inbound"), "SmsMethod", List.of("POST")))),
                fake.incomingNumbers().updates());
    }

    @Test
    void anUnknownNumberSidIs20404AndTheUpdateIsStillCounted() {
        String unknown = "PN" + "0".repeat(32);

        ApiException update = assertThrows(ApiException.class, () -> IncomingPhoneNumber.updater(ACCOUNT_SID, unknown)
                .setSmsUrl("https://sms.example.com/twilio/inbound").update(client));
        ApiException fetch = assertThrows(ApiException.class, () -> IncomingPhoneNumber.fetcher(ACCOUNT_SID, unknown).fetch(client));

        assertAll(() -> assertEquals(20404, update.getCode()),
                () -> assertEquals(404, update.getStatusCode()),
                () -> assertEquals(20404, fetch.getCode()),
                () -> assertEquals(1, fake.incomingNumbers().updates().size()));
    }

    @Test
    void aBadMethodOrUrlIsRefusedAndChangesNothing() {
        String sid = fake.incomingNumbers().get(OWNED.get(2)).sid();

        ApiException method = assertThrows(ApiException.class, () -> IncomingPhoneNumber.updater(ACCOUNT_SID, sid)
                .setSmsMethod(HttpMethod.DELETE).update(client));
        ApiException url = assertThrows(ApiException.class, () -> IncomingPhoneNumber.updater(ACCOUNT_SID, sid)
                .setSmsUrl("ftp://example.com/sms").update(client));

        assertAll(() -> assertEquals(400, method.getStatusCode()),
                () -> assertEquals(400, url.getStatusCode()),
                () -> assertEquals("", fake.incomingNumbers().get(OWNED.get(2)).smsUrl()),
                () -> assertEquals("POST", fake.incomingNumbers().get(OWNED.get(2)).smsMethod()));
    }

    @Test
    void badCredentialsGet20003AndChangeNothing() {
        TwilioRestClient wrongToken = FakeTwilioApiTest.restClient(fake, ACCOUNT_SID, "not-the-token");
        String sid = fake.incomingNumbers().get(OWNED.get(0)).sid();

        ApiException list = assertThrows(ApiException.class, () -> IncomingPhoneNumber.reader(ACCOUNT_SID).firstPage(wrongToken));
        ApiException update = assertThrows(ApiException.class, () -> IncomingPhoneNumber.updater(ACCOUNT_SID, sid)
                .setSmsUrl("https://evil.example.com").update(wrongToken));

        assertAll(() -> assertEquals(20003, list.getCode()),
                () -> assertEquals(20003, update.getCode()),
                () -> assertEquals("", fake.incomingNumbers().get(OWNED.get(0)).smsUrl()));
    }

    private IncomingPhoneNumber fetch(String e164) {
        return IncomingPhoneNumber.fetcher(ACCOUNT_SID, fake.incomingNumbers().get(e164).sid()).fetch(client);
    }
}
