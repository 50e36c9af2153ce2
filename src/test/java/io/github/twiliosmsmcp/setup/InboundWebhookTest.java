package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twiliosmsmcp.twilio.TwilioNumbers.IncomingNumber;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundWebhookTest {
    private static final InboundWebhook WEBHOOK = InboundWebhook.under(URI.create("https://sms.example.com/base"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://sms.example.com        | https://sms.example.com/twilio/inbound",
        "https://sms.example.com/base   | https://sms.example.com/base/twilio/inbound",
        "http://127.0.0.1:8787          | http://127.0.0.1:8787/twilio/inbound",
    })
    void theWebhookIsThePublicUrlAndTheInboundPath(String publicUrl, String expected) {
        assertEquals(URI.create(expected), InboundWebhook.under(URI.create(publicUrl)).url());
    }

    // Twilio signs over the exact URL it calls, so anything but the same URL and POST must be changed.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://sms.example.com/base/twilio/inbound   | POST | true",
        "https://sms.example.com/base/twilio/inbound   | GET  | false",
        "https://sms.example.com/base/twilio/inbound   | ''   | false",
        "https://sms.example.com/base/twilio/inbound/  | POST | false",
        "http://sms.example.com/base/twilio/inbound    | POST | false",
        "https://sms.example.com/twilio/inbound        | POST | false",
        "https://demo.twilio.com/welcome/sms/reply     | POST | false",
        "''                                            | POST | false",
    })
    void aNumberCarriesTheWebhookOnlyWithTheSameUrlAndPost(String smsUrl, String smsMethod, boolean carried) {
        assertEquals(carried, WEBHOOK.carriedBy(new IncomingNumber("PN" + "0".repeat(32), "+16502530000", smsUrl, smsMethod)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://old.example.com/sms | GET  | GET https://old.example.com/sms",
        "''                          | POST | no SMS webhook",
    })
    void aNumbersWebhookIsShownWithItsMethod(String smsUrl, String smsMethod, String shown) {
        assertEquals(shown, InboundWebhook.shown(new IncomingNumber("PN" + "0".repeat(32), "+16502530000", smsUrl, smsMethod)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | false",
        "--apply           | true",
        "--apply --apply   | ",
        "--dry-run         | ",
        "apply             | ",
    })
    void onlyApplyIsAnOption(String line, Boolean apply) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertEquals(Optional.ofNullable(apply), Webhooks.apply(args));
    }
}
