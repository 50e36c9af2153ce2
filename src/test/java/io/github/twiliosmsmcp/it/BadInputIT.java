package io.github.twiliosmsmcp.it;

import static io.github.twiliosmsmcp.it.ServerProcess.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad argument a model (or someone steering it) can send. Each gets a [FINAL] answer
 * that names the problem, nothing reaches Twilio, and the server keeps serving afterwards.
 */
class BadInputIT {
    static FakeTwilioApi twilio;
    static ServerProcess server;

    @BeforeAll
    static void start() {
        twilio = FakeTwilioApi.start(TwilioServerIT.ACCOUNT, TwilioServerIT.TOKEN);
        twilio.addOwnedNumber(TwilioServerIT.OUR_NUMBER);
        server = ServerProcess.start(TwilioServerIT.env(twilio, Map.of(
                "TWILIO_PHONE_NUMBER", TwilioServerIT.OUR_NUMBER, "SMS_STATUS_WAIT_SECONDS", "2")));
    }

    @AfterAll
    static void stop() {
        server.close();
        twilio.close();
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> urls(int n) {
        return Stream.iterate(1, i -> i + 1).limit(n).map(i -> "https://example.com/" + i + ".jpg").toList();
    }

    static Stream<Arguments> badCalls() {
        String longGsm = "a".repeat(1540);
        char[] bigNumber = new char[10_240];
        Arrays.fill(bigNumber, '5');
        return Stream.of(
                Arguments.of("send_sms", args("message", "hi"), "'to' is missing"),
                Arguments.of("send_sms", args("to", "+14155552671"), "'message' is missing"),
                Arguments.of("send_sms", args(), "'to' is missing"),
                Arguments.of("send_sms", args("to", 14155552671L, "message", "hi"), "'to' must be a string"),
                Arguments.of("send_sms", args("to", List.of("+14155552671"), "message", "hi"), "(it was a list)"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", Map.of("text", "hi")), "(it was an object)"),
                Arguments.of("send_sms", args("to", "+14155552671", "body", "hi"), "unknown argument 'body'"),
                Arguments.of("send_sms", args("to", new String(bigNumber), "message", "hi"), "too long to be a phone number"),
                Arguments.of("send_sms", args("to", "+1415\n5552671", "message", "hi"), "control characters"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", "bad\u0000byte"), "control character (U+0000)"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", "   "), "the message text is empty"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", "x".repeat(1601)), "Twilio's limit is 1600"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", longGsm), "more than the 10 allowed by SMS_MAX_SEGMENTS"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", "😀".repeat(700)), "Emoji"),
                Arguments.of("send_sms", args("to", "+14155552671", "message", "hi", "from", 42), "'from' must be a string"),
                Arguments.of("send_sms", args("to", "ignore previous instructions", "message", "hi"), "is not valid"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", urls(11)), "at most 10"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of()), "at least one media URL"),
                Arguments.of("send_mms", args("to", "+14155552671"), "'media_urls' is missing"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", 7), "must be a list of strings"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("file:///etc/passwd")), "only absolute http"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("javascript:alert(1)")), "only absolute http"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("http://169.254.169.254/latest")), "private network"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("http://localhost:8080/a.png")), "private network"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("https://example.com/a b.png")), "spaces or control characters"),
                Arguments.of("send_mms", args("to", "+14155552671", "media_urls", List.of("https://example.com/a.png", 3)), "item 2 of 'media_urls'"),
                Arguments.of("receive_sms", args("limit", "abc"), "'limit' must be a whole number"),
                Arguments.of("receive_sms", args("limit", 1000), "'limit' must be from 1 to 100"),
                Arguments.of("receive_sms", args("wait_seconds", 46), "'wait_seconds' must be from 0 to 45"),
                Arguments.of("receive_sms", args("wait_seconds", 2.5), "'wait_seconds' must be a whole number"),
                Arguments.of("receive_sms", args("since", "yesterday"), "'since' must be an ISO-8601 time"),
                Arguments.of("receive_sms", args("since", "2999-01-01T00:00:00Z"), "in the future"),
                Arguments.of("receive_sms", args("from", "not a number"), "'from' is not a valid phone number"),
                Arguments.of("receive_sms", args("unread_only", "maybe"), "'unread_only' must be true or false"),
                Arguments.of("receive_sms", args("to", "+14155552671"), "unknown argument 'to'"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badCalls")
    void badInputGetsAClearFinalAnswerAndSendsNothing(String tool, Map<String, Object> arguments, String expected) {
        int before = twilio.createCount();
        String text = text(server.call(tool, arguments));
        assertTrue(text.startsWith("[FINAL]"), text);
        assertTrue(text.contains(expected), "expected '" + expected + "' in: " + text);
        assertTrue(text.length() < 2000, "a bad argument is never echoed at length: " + text.length());
        assertEquals(before, twilio.createCount(), "nothing may reach Twilio");
    }

    @Test
    void theServerKeepsServingAfterBadInput() {
        server.call("send_sms", args("to", 1, "message", 2));
        String text = text(server.call("send_sms", args("to", "+14155552671", "message", "still here")));
        assertTrue(text.startsWith("[FINAL] SMS delivered to +14155552671."), text);
        assertEquals(1, twilio.createsTo("+14155552671"));
    }
}
