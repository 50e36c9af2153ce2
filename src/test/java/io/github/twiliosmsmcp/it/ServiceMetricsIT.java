package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.service.PrometheusText.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the real jar, as a Prometheus scraper reads it, after the webhooks a
 * running service takes: every family has its HELP and TYPE, and the counts are this service's.
 */
class ServiceMetricsIT {
    private static final String TOKEN = TwilioServerIT.TOKEN;

    @Test
    void theScrapeShowsWebhooksCallbacksSendsPollsAndProviderCallsInPrometheusText() throws Exception {
        try (FakeTwilioApi twilio = TwilioServerIT.startFake();
                ServiceProcess service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of()),
                        ServerProcess.freshDatabase())) {
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            List<Map.Entry<String, String>> inbound = List.of(Map.entry("MessageSid", sid),
                    Map.entry("AccountSid", TwilioServerIT.ACCOUNT), Map.entry("From", "+14155552671"),
                    Map.entry("To", TwilioServerIT.OUR_NUMBER), Map.entry("Body", "CONFIRM"),
                    Map.entry("NumMedia", "0"), Map.entry("NumSegments", "1"));
            assertEquals(200, service.signedPost("/twilio/inbound", TOKEN, inbound).statusCode());
            assertEquals(200, service.signedPost("/twilio/inbound", TOKEN, inbound).statusCode());
            assertEquals(403, service.signedPost("/twilio/inbound", "another-token", inbound).statusCode());
            assertEquals(200, service.signedPost("/twilio/status", TOKEN, List.of(Map.entry("MessageSid", sid),
                    Map.entry("MessageStatus", "delivered"), Map.entry("AccountSid", TwilioServerIT.ACCOUNT)))
                    .statusCode());

            HttpResponse<String> scrape = service.get("/metrics");

            assertEquals(200, scrape.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    scrape.headers().firstValue("Content-Type").orElse(""));
            String text = scrape.body();
            for (String family : List.of("sms_webhooks_accepted_total", "sms_webhooks_rejected_total",
                    "sms_status_callbacks_held_total", "sms_sends_total", "sms_polls_total")) {
                assertTrue(text.contains("# HELP " + family + " "), family + " has no HELP in\n" + text);
                assertTrue(text.contains("# TYPE " + family + " counter"), family + " is no counter in\n" + text);
            }
            assertEquals(2.0, value(text, "sms_webhooks_accepted_total{endpoint=\"/twilio/inbound\"}"), text);
            assertEquals(1.0, value(text, "sms_webhooks_accepted_total{endpoint=\"/twilio/status\"}"), text);
            assertEquals(1.0, value(text,
                    "sms_webhooks_rejected_total{endpoint=\"/twilio/inbound\",reason=\"bad_signature\"}"), text);
            // No send of this store has that SID (yet): the callback is held until one records it.
            assertEquals(1.0, value(text, "sms_status_callbacks_held_total{outcome=\"held\"}"), text);
            // The service itself has sent and polled nothing yet: every outcome and poll shows, at 0.
            assertEquals(0.0, value(text, "sms_sends_total{outcome=\"delivered\"}"), text);
            assertEquals(0.0, value(text, "sms_sends_total{outcome=\"refused_by_policy\"}"), text);
            assertEquals(0.0, value(text, "sms_polls_total{kind=\"send_status\"}"), text);
            assertEquals(0.0, value(text, "sms_polls_total{kind=\"inbox\"}"), text);
            assertFalse(text.contains("sms_provider_requests_seconds_count"),
                    "no provider call was made, so no latency is shown: " + text);
            assertFalse(text.contains(TOKEN), "the auth token must never be shown");
        }
    }
}
