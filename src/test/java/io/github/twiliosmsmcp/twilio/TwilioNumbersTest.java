package io.github.twiliosmsmcp.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twiliosmsmcp.config.TwilioAccount;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.github.twiliosmsmcp.phone.PhoneNumber;
import io.github.twiliosmsmcp.sms.GatewayException;
import io.github.twiliosmsmcp.twilio.TwilioNumbers.IncomingNumber;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's numbers through the SDK and the single-attempt transport, against the fake Twilio. */
class TwilioNumbersTest {
    private static final String ACCOUNT = "AC" + "0".repeat(31) + "3";
    private static final String TOKEN = "fake-auth-token-numbers";
    // German numbers differ in length, so Twilio's "contains" filter for one matches longer ones.
    private static final String SHORT = "+4930123456";
    private static final URI WEBHOOK = URI.create("https://sms.example.com/twilio/inbound");

    private FakeTwilioApi twilio;

    @BeforeEach
    void startFake() {
        twilio = FakeTwilioApi.start(ACCOUNT, TOKEN);
    }

    @AfterEach
    void stopFake() {
        twilio.close();
    }

    private TwilioNumbers numbers(String token) {
        return new TwilioNumbers(new TwilioAccount(ACCOUNT, ACCOUNT, token, List.of(), Optional.empty(),
                Optional.of(URI.create(twilio.baseUrl()))), "test");
    }

    @Test
    void findKeepsTheExactNumberEvenPastTheFirstPage() throws Exception {
        for (int i = 10; i < 70; i++) {
            twilio.addOwnedNumber(SHORT + i);
        }
        twilio.addOwnedNumber(SHORT);
        twilio.incomingNumbers().setSmsWebhook(SHORT, "https://old.example.com/sms", "GET");

        Optional<IncomingNumber> found = numbers(TOKEN).find(new PhoneNumber(SHORT));

        assertEquals(Optional.of(new IncomingNumber(twilio.incomingNumbers().get(SHORT).sid(), SHORT,
                "https://old.example.com/sms", "GET")), found);
    }

    @Test
    void aNumberOnlyContainedInALongerOneIsNotFound() throws Exception {
        twilio.addOwnedNumber(SHORT + "7");

        assertEquals(Optional.empty(), numbers(TOKEN).find(new PhoneNumber(SHORT)));
    }

    @Test
    void receiveAtSetsTheUrlAndPostAndGivesTheNewRecord() throws Exception {
        twilio.addOwnedNumber(SHORT);
        TwilioNumbers numbers = numbers(TOKEN);
        IncomingNumber before = numbers.find(new PhoneNumber(SHORT)).orElseThrow();

        IncomingNumber after = numbers.receiveAt(before, WEBHOOK);

        assertEquals(new IncomingNumber(before.sid(), SHORT, WEBHOOK.toString(), "POST"), after);
        assertEquals(1, twilio.incomingNumbers().updates().size());
        assertEquals(WEBHOOK.toString(), twilio.incomingNumbers().get(SHORT).smsUrl());
    }

    @Test
    void twiliosRefusalsArriveWithTheirCodes() {
        twilio.addOwnedNumber(SHORT);
        IncomingNumber gone = new IncomingNumber("PN" + "0".repeat(32), SHORT, "", "POST");

        GatewayException.Rejected badToken = assertThrows(GatewayException.Rejected.class,
                () -> numbers("not-the-token").find(new PhoneNumber(SHORT)));
        GatewayException.Rejected unknown = assertThrows(GatewayException.Rejected.class,
                () -> numbers(TOKEN).receiveAt(gone, WEBHOOK));

        assertEquals(Optional.of(20003), badToken.code());
        assertEquals(Optional.of(20404), unknown.code());
    }
}
