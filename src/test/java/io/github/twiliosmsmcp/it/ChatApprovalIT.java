package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-chat approval through the jar: a 2025-era client that declares elicitation is asked about each
 * send that must wait for a person, and its user's answer decides: accept sends it (as edited),
 * decline rejects it, cancel leaves it in the queue. Nothing the model passes is ever asked or approved.
 */
@Timeout(120)
class ChatApprovalIT {
    private static final String TO = "+14155550150";

    private FakeTwilioApi twilio;
    private Path database;
    private ServerProcess server;
    private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        twilio = TwilioServerIT.startFake();
        database = ServerProcess.freshDatabase();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            String log = server.stderr();
            server.close();
            assertFalse(log.contains(TwilioServerIT.TOKEN), "the auth token must never reach the log");
        }
        twilio.close();
    }

    private ServerProcess answering(Function<McpSchema.ElicitFormRequest, ElicitResult> user) {
        Map<String, String> env = new HashMap<>(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all",
                "SMS_DATABASE", database.toString(), "SMS_STATUS_WAIT_SECONDS", "2")));
        server = ServerProcess.startAnswering(env, request -> {
            asked.add(request);
            return user.apply(request);
        });
        return server;
    }

    @Test
    void acceptedInTheChatTheMessageIsSentOnceAtOnce() {
        ServerProcess server = answering(request -> new ElicitResult(ElicitResult.Action.ACCEPT,
                Map.of("text", "See you at 3pm")));

        CallToolResult sent = server.call("send_sms", Map.of("to", TO, "message", "See you at 3pm"));
        CallToolResult again = server.call("send_sms", Map.of("to", TO, "message", "See you at 3pm"));

        assertEquals(Boolean.TRUE, ServerProcess.structured(sent).get("sent"), ServerProcess.text(sent));
        assertEquals(1, twilio.createCount());
        assertEquals(1, asked.size(), "the repeat was not put to the user again");
        String question = asked.get(0).message();
        assertTrue(question.contains(TO) && question.contains("'See you at 3pm'") && question.contains("about $"),
                question);
        assertTrue(ServerProcess.text(again).contains("was already sent from the approval queue"),
                ServerProcess.text(again));
    }

    @Test
    void theTextTheUserEditedIsTheOneSent() {
        ServerProcess server = answering(request -> new ElicitResult(ElicitResult.Action.ACCEPT,
                Map.of("text", "See you at 4pm instead")));

        server.call("send_sms", Map.of("to", TO, "message", "See you at 3pm"));

        assertEquals(1, twilio.createCount());
        assertEquals(List.of("See you at 4pm instead"), twilio.createRequests().get(0).get("Body"));
    }

    @Test
    void declinedInTheChatNothingIsSentAndTheModelIsToldPlainly() {
        ServerProcess server = answering(request -> new ElicitResult(ElicitResult.Action.DECLINE, null));

        CallToolResult declined = server.call("send_sms", Map.of("to", TO, "message", "Buy now"));

        assertTrue(ServerProcess.text(declined).contains("NOT sent: the user declined it"), ServerProcess.text(declined));
        assertEquals(0, twilio.createCount());
        assertTrue(ServerProcess.text(server.call("list_staged_sms", Map.of("status", "rejected")))
                .contains("declined by the user in the chat"));
    }

    @Test
    void aCancelledQuestionLeavesTheMessageForTheQueue() {
        ServerProcess server = answering(request -> new ElicitResult(ElicitResult.Action.CANCEL, null));

        CallToolResult held = server.call("send_sms", Map.of("to", TO, "message", "Maybe later"));
        server.call("send_approved_sms", Map.of());

        assertTrue(ServerProcess.text(held).contains("staged as #"), ServerProcess.text(held));
        assertEquals(0, twilio.createCount());
        assertTrue(ServerProcess.text(server.call("list_staged_sms", Map.of("status", "pending")))
                .contains("Maybe later"));
    }

    @Test
    void stagingOnPurposeAsksNobody() {
        ServerProcess server = answering(request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of()));

        server.call("stage_sms", Map.of("to", TO, "message", "For the queue"));

        assertEquals(List.of(), asked);
        assertEquals(0, twilio.createCount());
    }
}
