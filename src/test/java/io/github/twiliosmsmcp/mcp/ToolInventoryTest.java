package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tool at once: the contract other programs rely on. Each tool's definition has a snapshot
 * under src/test/resources/toolsnaps; a changed interface fails here until the snapshot is
 * regenerated on purpose with {@code mvn test -Dtest=ToolInventoryTest -Dtoolsnaps.update=true}.
 */
class ToolInventoryTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/toolsnaps");
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();
    private static final java.util.Set<String> SENDING = java.util.Set.of("send_sms", "send_mms", "reply_to_sms",
            "send_approved_sms");
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("receive_sms", "get_conversation",
            "get_sms_policy", "list_staged_sms");
    private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("mark_sms_read", "stage_sms",
            "send_approved_sms");
    private static final Map<String, String> APPROVAL = Map.of("SMS_APPROVAL", "all");

    private static List<Tool> definitions(Map<String, String> env) {
        App app = new App(new Environment(env), "test", Clock.systemUTC(), new StoppableSleeper());
        return SmsServer.tools(app, Clock.systemUTC(), Mode.LIVE).stream().map(t -> t.definition(MAPPER)).toList();
    }

    /** Every tool there is: the staging tools are listed only under approval. */
    private static List<Tool> definitions() {
        return definitions(APPROVAL);
    }

    @Test
    void theContractedToolsAreThereUnderTheirNames() {
        assertEquals(List.of("send_sms", "send_mms", "reply_to_sms", "receive_sms", "get_conversation", "mark_sms_read",
                "get_sms_policy"),
                definitions(Map.of()).stream().map(Tool::name).toList());
        assertEquals(List.of("send_sms", "send_mms", "reply_to_sms", "stage_sms", "send_approved_sms", "receive_sms",
                "get_conversation", "mark_sms_read", "get_sms_policy", "list_staged_sms"),
                definitions(APPROVAL).stream().map(Tool::name).toList());
    }

    @Test
    void messageCentralAloneCannotReceiveSoNoToolReadsReplies() {
        Map<String, String> messageCentralOnly = Map.of("SMS_PROVIDER", "messagecentral", "MC_CUSTOMER_ID",
                "C-1A2B3C4D5E6F708", "MC_PASSWORD", "secret", "SMS_AUTORESPONDERS", "on");

        assertEquals(List.of("send_sms", "send_mms", "get_sms_policy"),
                definitions(messageCentralOnly).stream().map(Tool::name).toList());
    }

    @Test
    void everyToolIsDescribedAndHintedExplicitly() {
        var names = new HashSet<String>();
        for (Tool tool : definitions()) {
            assertTrue(names.add(tool.name()), "unique name " + tool.name());
            assertTrue(tool.name().matches("[a-z][a-z0-9_]*"), "snake_case " + tool.name());
            assertFalse(tool.description() == null || tool.description().isBlank(), tool.name());
            assertFalse(tool.title() == null || tool.title().isBlank(), tool.name());
            McpSchema.ToolAnnotations hints = tool.annotations();
            assertNotNull(hints, tool.name());
            assertNotNull(hints.readOnlyHint(), tool.name());
            assertNotNull(hints.destructiveHint(), tool.name());
            assertNotNull(hints.idempotentHint(), tool.name());
            assertNotNull(hints.openWorldHint(), tool.name());
            assertNotNull(tool.inputSchema().get("properties"), tool.name());
            assertFalse(tool.inputSchema().containsKey("oneOf") || tool.inputSchema().containsKey("anyOf"),
                    "clients handle top-level oneOf/anyOf poorly: " + tool.name());
            boolean sends = SENDING.contains(tool.name());
            assertEquals(READ_ONLY.contains(tool.name()), hints.readOnlyHint(), tool.name());
            assertEquals(sends, hints.destructiveHint(), tool.name());
            assertEquals(IDEMPOTENT.contains(tool.name()), hints.idempotentHint(), tool.name());
            if (sends) {
                assertTrue(tool.description().contains("[FINAL]"), tool.name());
                assertTrue(tool.description().contains("never call again"), tool.name());
            }
        }
    }

    @Test
    void receiveOnlyModeDoesNotListTheSendingTools() {
        App app = new App(new Environment(Map.of()), "test", Clock.systemUTC(), new StoppableSleeper());
        assertEquals(List.of("receive_sms", "get_conversation", "mark_sms_read", "get_sms_policy"),
                SmsServer.tools(app, Clock.systemUTC(), Mode.RECEIVE_ONLY).stream().map(SmsTool::name).toList());
        App approving = new App(new Environment(APPROVAL), "test", Clock.systemUTC(), new StoppableSleeper());
        assertEquals(List.of("receive_sms", "get_conversation", "mark_sms_read", "get_sms_policy", "list_staged_sms"),
                SmsServer.tools(approving, Clock.systemUTC(), Mode.RECEIVE_ONLY).stream().map(SmsTool::name).toList());
    }

    @Test
    void everyInputSchemaIsValidJsonSchema() {
        // The server starts without the SDK's schema validator (NoSchemaValidator), so the check the SDK
        // would make at every start is made here, with that validator.
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
        for (Tool tool : definitions()) {
            JsonSchemaValidator.ValidationResponse response = validator.validateSchema(tool.inputSchema());
            assertTrue(response.valid(), tool.name() + ": " + response.errorMessage());
        }
    }

    @Test
    void toolsListStaysSmallBecauseEveryChatPaysForIt() throws IOException {
        int plain = MAPPER.writeValueAsString(new McpSchema.ListToolsResult(definitions(Map.of()), null))
                .getBytes(StandardCharsets.UTF_8).length;
        int approving = MAPPER.writeValueAsString(new McpSchema.ListToolsResult(definitions(APPROVAL), null))
                .getBytes(StandardCharsets.UTF_8).length;
        assertTrue(plain < 6000, "tools/list is " + plain + " bytes; keep it under 6 KB");
        assertTrue(approving < 8000, "tools/list under approval is " + approving + " bytes; keep it under 8 KB");
    }

    @Test
    void everyToolMatchesItsSnapshot() throws IOException {
        ObjectMapper pretty = new ObjectMapper();
        boolean update = Boolean.getBoolean("toolsnaps.update");
        for (Tool tool : definitions()) {
            String actual = pretty.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(pretty.readTree(MAPPER.writeValueAsString(tool))) + "\n";
            Path file = SNAPSHOTS.resolve(tool.name() + ".json");
            if (update) {
                Files.createDirectories(SNAPSHOTS);
                Files.writeString(file, actual);
                continue;
            }
            assertTrue(Files.exists(file), "no snapshot for " + tool.name()
                    + "; create it on purpose with -Dtoolsnaps.update=true");
            assertEquals(Files.readString(file), actual, tool.name() + " changed; if that is intended, regenerate"
                    + " the snapshot with -Dtoolsnaps.update=true and review the diff");
        }
    }
}
