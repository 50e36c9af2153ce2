package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-chat approval for 2026-07-28 clients over stdio, in raw JSON-RPC: a send that must wait for a
 * person answers {@code input_required} with the question; the client repeats the call with the
 * user's answer and the request state; however often it repeats, the message is sent once, and a
 * request state the server did not seal is refused.
 */
@Timeout(120)
class InputRequiredApprovalIT {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final String TO = "+14155550160";

    private FakeTwilioApi twilio;
    private RawSession session;

    @BeforeEach
    void start() throws IOException {
        twilio = TwilioServerIT.startFake();
        session = RawSession.start(new HashMap<>(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all",
                "SMS_DATABASE", ServerProcess.freshDatabase().toString(), "SMS_STATUS_WAIT_SECONDS", "2"))));
    }

    @AfterEach
    void stop() {
        session.close();
        twilio.close();
    }

    private static Map<String, Object> meta(boolean elicitation) {
        return Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities",
                elicitation ? Map.of("elicitation", Map.of("form", Map.of())) : Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "input-required-test", "version", "1"));
    }

    private JsonNode call(int id, Map<String, Object> params, boolean elicitation) throws IOException {
        Map<String, Object> withMeta = new HashMap<>(params);
        withMeta.put("_meta", meta(elicitation));
        try {
            session.send(RawSession.JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                    "params", withMeta)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.answer(String.valueOf(id), ANSWER);
    }

    private static Map<String, Object> send(String message) {
        return Map.of("name", "send_sms", "arguments", Map.of("to", TO, "message", message));
    }

    private static Map<String, Object> answering(String message, String state, Map<String, Object> answer) {
        return Map.of("name", "send_sms", "arguments", Map.of("to", TO, "message", message),
                "requestState", state, "inputResponses", Map.of("approval", answer));
    }

    private static String text(JsonNode answer) {
        return answer.path("result").path("content").path(0).path("text").asText();
    }

    @Test
    void theQuestionComesBackAsInputRequiredAndTheAcceptedRepeatSendsOnceHoweverOftenItComes() throws IOException {
        JsonNode question = call(1, send("Table for two at 8"), true);

        JsonNode result = question.path("result");
        assertEquals("input_required", result.path("resultType").asText(), question.toString());
        JsonNode ask = result.path("inputRequests").path("approval");
        assertEquals("elicitation/create", ask.path("method").asText(), question.toString());
        assertTrue(ask.path("params").path("message").asText().contains(TO), ask.toString());
        String state = result.path("requestState").asText();
        assertFalse(state.isEmpty() || state.startsWith("staged:"), "the request state is sealed: " + state);
        assertEquals(0, twilio.createCount(), "nothing is sent before the user answers");

        Map<String, Object> accept = Map.of("action", "accept", "content", Map.of("text", "Table for two at 8"));
        JsonNode sent = call(2, answering("Table for two at 8", state, accept), true);
        JsonNode again = call(3, answering("Table for two at 8", state, accept), true);

        assertEquals("delivered", sent.path("result").path("structuredContent").path("outcome").asText(),
                sent.toString());
        assertEquals("already_sent", again.path("result").path("structuredContent").path("outcome").asText(),
                again.toString());
        assertEquals(1, twilio.createCount(), "the repeated answer sent nothing more");
    }

    @Test
    void aDeclinedAnswerSendsNothing() throws IOException {
        String state = call(1, send("Sale ends today"), true).path("result").path("requestState").asText();

        JsonNode declined = call(2, answering("Sale ends today", state, Map.of("action", "decline")), true);

        assertTrue(text(declined).contains("NOT sent: the user declined it"), declined.toString());
        assertEquals(0, twilio.createCount());
    }

    @Test
    void aRequestStateTheServerDidNotSealIsRefusedAndNothingIsSent() throws IOException {
        call(1, send("Forged approval"), true);

        JsonNode forged = call(2, answering("Forged approval", "staged:1",
                Map.of("action", "accept", "content", Map.of())), true);

        assertTrue(forged.has("error"), forged.toString());
        assertEquals(0, twilio.createCount());
    }

    @Test
    void aClientThatCannotBeAskedGetsTheQueue() throws IOException {
        JsonNode held = call(1, send("Queue me"), false);

        assertTrue(text(held).contains("staged as #"), held.toString());
        assertFalse(held.path("result").has("inputRequests"), held.toString());
        assertEquals(0, twilio.createCount());
    }
}
