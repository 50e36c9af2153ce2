package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.structured;
import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input that used to reach Twilio changed or aimed at a private network (issue 8, defects 3 and 7):
 * each is refused with an answer that says what and why, and no create reaches Twilio. The client
 * escapes non-ASCII as a Python client does, so that a lone surrogate arrives at the server intact.
 */
class HardeningInputIT {
    private static final String REFUSED_TO = "+14155552671";
    private static final String SENT_TO = "+14155552672";

    static FakeTwilioApi twilio;
    static ServerProcess server;

    @BeforeAll
    static void start() {
        twilio = TwilioServerIT.startFake();
        server = ServerProcess.startEscapingNonAscii(TwilioServerIT.env(twilio, Map.of("SMS_STATUS_WAIT_SECONDS", "2")));
    }

    @AfterAll
    static void stop() {
        server.close();
        twilio.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost./a.png               | localhost means this computer
            http://printer.local./a.png           | names ending in .local exist only inside a local network
            http://[::0001]/a.png                 | this IPv6 address is a loopback address
            http://[0:0:0:0:0:ffff:7f00:1]/a.png  | the IPv4 address 127.0.0.1 inside it is a loopback address
            http://0x7f000001/a.png               | the address 127.0.0.1 is a loopback address
            http://2130706433/a.png               | the address 127.0.0.1 is a loopback address
            http://0/a.png                        | the address 0.0.0.0 is in 0.0.0.0/8
            http://100.64.0.1/a.png               | carrier-grade NAT range 100.64.0.0/10
            http://224.0.0.1/a.png                | the address 224.0.0.1 is a multicast address
            http://example.com:99999/a.png        | its port 99999 is not valid
            """)
    void mediaUrlsThatTwilioCannotFetchAreRefused(String url, String reason) {
        int before = twilio.createCount();

        String text = text(server.call("send_mms", Map.of("to", REFUSED_TO, "media_urls", List.of(url))));

        assertTrue(text.startsWith("[FINAL]"), text);
        assertTrue(text.contains("media URL 1 '" + url + "' cannot be used: "), text);
        assertTrue(text.contains(reason), () -> "expected '" + reason + "' in: " + text);
        assertEquals(before, twilio.createCount(), "nothing may reach Twilio");
        assertEquals(0, twilio.createsTo(REFUSED_TO));
    }

    @Test
    void oneUnreachableUrlAmongGoodOnesRefusesTheWholeMessage() {
        String text = text(server.call("send_mms", Map.of("to", REFUSED_TO, "media_urls",
                List.of("https://example.com/a.png", "http://017700000001/b.png", "http://255.255.255.255/c.png"))));

        assertTrue(text.startsWith("[FINAL]"), text);
        assertTrue(text.contains("media URL 2 'http://017700000001/b.png' cannot be used: it points at this computer"
                + " or a private network"), text);
        assertEquals(0, twilio.createsTo(REFUSED_TO));
    }

    @Test
    void aLoneSurrogateInTheTextIsRefusedWithItsPosition() {
        int before = twilio.createCount();

        String text = text(server.call("send_sms", Map.of("to", REFUSED_TO, "message", "hi \ud800 there")));

        assertTrue(text.startsWith("[FINAL]"), text);
        assertTrue(text.contains("the message contains a broken character at position 4: U+D800"), text);
        assertEquals(before, twilio.createCount(), "nothing may reach Twilio");
        assertEquals(0, twilio.createsTo(REFUSED_TO));
    }

    @Test
    void emojiAndPublicLookalikeHostsStillGoOut() {
        Map<String, Object> sms = structured(server.call("send_sms", Map.of("to", SENT_TO, "message", "see you \uD83D\uDE00")));
        String mms = text(server.call("send_mms", Map.of("to", SENT_TO, "message", "photo",
                "media_urls", List.of("http://127.attacker.example/a.png", "https://[2606:4700:4700::1111]/b.png"))));

        assertEquals("UCS-2", sms.get("encoding"), sms.toString());
        assertTrue(mms.startsWith("[FINAL] MMS delivered to " + SENT_TO), mms);
        assertEquals(2, twilio.createsTo(SENT_TO));
        assertEquals("see you \uD83D\uDE00", twilio.messages().stream()
                .filter(m -> m.to().equals(SENT_TO) && m.body().startsWith("see you")).findFirst().orElseThrow().body());
    }
}
