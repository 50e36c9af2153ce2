package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.time.Duration;
import io.github.twiliosmsmcp.fake.FakeTwilioApi;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In-chat approval over MCP on HTTP from {@code serve}: a 2026-07-28 client gets the question as
 * {@code input_required} and the call repeated with the user's answer sends the message once,
 * however often the client repeats it; a 2025 client is asked on the call's event stream.
 */
@Timeout(120)
class HttpApprovalIT {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("smcp_[A-Za-z0-9_-]{43}");
    private static final String TO = "+14155550170";

    private static FakeTwilioApi twilio;
    private static ServiceProcess service;
    private static HttpMcpClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioServerIT.startFake();
        service = ServiceProcess.start(TwilioServerIT.env(twilio, Map.of("SMS_APPROVAL", "all",
                "SMS_STATUS_WAIT_SECONDS", "2")), ServerProcess.freshDatabase());
        Matcher printed = PRINTED_TOKEN.matcher(service.stderr());
        assertTrue(printed.find(), service.stderr());
        token = printed.group();
        client = HttpMcpClient.modern(service.baseUrl + "/mcp", token);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private static JsonNode call(Map<String, Object> extra) {
        return client.callThatMayAsk("send_sms", Map.of("to", TO, "message", "Your order is ready"), extra);
    }

    @Test
    void theAnsweredQuestionSendsOnceHoweverOftenTheClientRepeatsIt() {
        JsonNode question = call(Map.of());
        assertEquals("input_required", question.path("result").path("resultType").asText(), question.toString());
        String state = question.path("result").path("requestState").asText();
        assertEquals(0, twilio.createsTo(TO));

        Map<String, Object> answer = Map.of("requestState", state,
                "inputResponses", Map.of("approval", Map.of("action", "accept", "content", Map.of())));
        JsonNode sent = call(answer);
        JsonNode again = call(answer);

        assertEquals("delivered", sent.path("result").path("structuredContent").path("outcome").asText(),
                sent.toString());
        assertEquals("already_sent", again.path("result").path("structuredContent").path("outcome").asText(),
                again.toString());
        assertEquals(1, twilio.createsTo(TO));
    }

    /** The MCP Java SDK's own client of the 2025 protocol over Streamable HTTP, answering each question with {@code answer}. */
    private static McpSyncClient sessionClient(ElicitResult answer, java.util.List<String> asked) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(service.baseUrl)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient session = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request.message());
                    return answer;
                })
                .build();
        session.initialize();
        return session;
    }

    @Test
    void aClientOfTheSessionEraIsAskedOverTheEventStreamAndItsAnswerDecides() {
        String accepted = "+14155550171";
        String declined = "+14155550172";
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        McpSyncClient yes = sessionClient(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of()), asked);
        McpSyncClient no = sessionClient(new ElicitResult(ElicitResult.Action.DECLINE, null), asked);
        try {
            CallToolResult sent = yes.callTool(new McpSchema.CallToolRequest("send_sms",
                    Map.of("to", accepted, "message", "Asked over http")));
            CallToolResult refused = no.callTool(new McpSchema.CallToolRequest("send_sms",
                    Map.of("to", declined, "message", "Asked over http")));

            assertEquals(2, asked.size(), asked.toString());
            assertTrue(asked.get(0).contains(accepted), asked.get(0));
            assertEquals("delivered", ((Map<?, ?>) sent.structuredContent()).get("outcome"), sent.toString());
            assertEquals(1, twilio.createsTo(accepted));
            assertTrue(((McpSchema.TextContent) refused.content().get(0)).text().contains("NOT sent: the user declined"),
                    refused.toString());
            assertEquals(0, twilio.createsTo(declined));
        } finally {
            yes.closeGracefully();
            no.closeGracefully();
        }
    }
}
