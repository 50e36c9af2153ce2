package io.github.twiliosmsmcp.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.policy.Mode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoresponder tools: listed only when the owner turns autoresponders on, and what each call answers. */
class AutoresponderToolsTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/toolsnaps");
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();
    private static final List<String> RULE_TOOLS = List.of("create_sms_autoresponder", "delete_sms_autoresponder",
            "list_sms_autoresponders");

    @TempDir
    Path folder;

    private App app(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("SMS_AUTORESPONDERS", "on",
                "SMS_DATABASE", folder.resolve("messages.db").toString()));
        env.putAll(more);
        return new App(new Environment(env), "test", Clock.systemUTC(), new StoppableSleeper());
    }

    private static List<String> names(App app, Mode mode) {
        return SmsServer.tools(app, Clock.systemUTC(), mode).stream().map(SmsTool::name).toList();
    }

    private static CallToolResult call(App app, String name, Map<String, Object> arguments) {
        SmsTool tool = SmsServer.tools(app, Clock.systemUTC(), Mode.LIVE).stream()
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return SmsServer.answer(tool, arguments, Progress.NONE);
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void theToolsAreListedOnlyWhenAutorespondersAreOnAndSomethingCanBeSent() {
        assertTrue(names(app(Map.of()), Mode.LIVE).containsAll(RULE_TOOLS));
        assertTrue(names(app(Map.of("SMS_AUTORESPONDERS", "off")), Mode.LIVE).stream().noneMatch(RULE_TOOLS::contains));
        assertTrue(names(app(Map.of()), Mode.RECEIVE_ONLY).stream().noneMatch(RULE_TOOLS::contains));
    }

    @Test
    void eachToolIsHintedAndMatchesItsSnapshotAndTheListStaysSmall() throws Exception {
        App app = app(Map.of("SMS_APPROVAL", "all"));
        List<Tool> tools = SmsServer.tools(app, Clock.systemUTC(), Mode.LIVE).stream()
                .map(t -> t.definition(MAPPER)).toList();
        Map<String, List<Boolean>> hints = Map.of(
                "create_sms_autoresponder", List.of(false, false, false),
                "list_sms_autoresponders", List.of(true, false, false),
                "delete_sms_autoresponder", List.of(false, true, true));
        ObjectMapper pretty = new ObjectMapper();
        boolean update = Boolean.getBoolean("toolsnaps.update");
        for (Tool tool : tools.stream().filter(t -> RULE_TOOLS.contains(t.name())).toList()) {
            McpSchema.ToolAnnotations a = tool.annotations();
            assertEquals(hints.get(tool.name()), List.of(a.readOnlyHint(), a.destructiveHint(), a.idempotentHint()),
                    tool.name());
            JsonSchemaValidator.ValidationResponse schema = McpJsonDefaults.getSchemaValidator()
                    .validateSchema(tool.inputSchema());
            assertTrue(schema.valid(), tool.name() + ": " + schema.errorMessage());
            String actual = pretty.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(pretty.readTree(MAPPER.writeValueAsString(tool))) + "\n";
            Path file = SNAPSHOTS.resolve(tool.name() + ".json");
            if (update) {
                Files.writeString(file, actual);
            } else {
                assertEquals(Files.readString(file), actual, tool.name() + " changed; regenerate with"
                        + " -Dtoolsnaps.update=true and review the diff");
            }
        }
        int bytes = MAPPER.writeValueAsString(new McpSchema.ListToolsResult(tools, null))
                .getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 10_000, "tools/list with approval and autoresponders is " + bytes + " bytes");
    }

    @Test
    void aRuleIsCreatedListedInOrderAndDeleted() {
        App app = app(Map.of());
        CallToolResult created = call(app, "create_sms_autoresponder", Map.of("trigger", "HOURS", "response",
                "Open Mon-Fri 9-17", "active_hours", "Mon-Fri 09:00-17:00"));
        assertFalse(created.isError(), text(created));
        assertTrue(text(created).startsWith("[FINAL] Created autoresponder #1 (tried first)"), text(created));
        call(app, "create_sms_autoresponder", Map.of("trigger", "^price", "response", "See our site",
                "match", "pattern", "enabled", "false"));

        CallToolResult listed = call(app, "list_sms_autoresponders", Map.of());
        assertTrue(text(listed).contains("1. #1 ENABLED: keyword 'HOURS' -> 'Open Mon-Fri 9-17', active Mon-Fri"
                + " 09:00-17:00; triggered 0 times"), text(listed));
        assertTrue(text(listed).contains("2. #2 DISABLED: pattern '^price'"), text(listed));
        assertEquals(2, ((List<?>) ((Map<?, ?>) listed.structuredContent()).get("autoresponders")).size());

        CallToolResult deleted = call(app, "delete_sms_autoresponder", Map.of("id", 1));
        assertFalse(deleted.isError(), text(deleted));
        CallToolResult again = call(app, "delete_sms_autoresponder", Map.of("id", 1));
        assertTrue(again.isError());
        assertTrue(text(again).contains("Nothing was changed: there is no autoresponder #1"), text(again));
    }

    @Test
    void underApprovalTheModelsRuleIsCreatedDisabledAndSaysWhoEnablesIt() {
        App app = app(Map.of("SMS_APPROVAL", "new-recipients"));
        CallToolResult created = call(app, "create_sms_autoresponder", Map.of("trigger", "HOURS", "response",
                "Open Mon-Fri 9-17"));
        assertTrue(text(created).contains("DISABLED until a person approves it"), text(created));
        assertEquals(true, ((Map<?, ?>) created.structuredContent()).get("waits_for_person"));
        assertEquals(false, ((Map<?, ?>) created.structuredContent()).get("enabled"));
    }

    @Test
    void aModelCannotTakeTheIdempotencyKeyOfAnAutoreply() {
        CallToolResult sent = call(app(Map.of()), "send_sms", Map.of("to", "+15005550006", "message", "hi",
                "idempotency_key", " autoreply:SM0123"));
        assertTrue(sent.isError());
        assertTrue(text(sent).contains("reserved for staged messages and autoreplies"), text(sent));
    }

    @Test
    void aRuleThatCannotWorkIsRefusedWithWhatToCorrect() {
        App app = app(Map.of());
        for (Map<String, Object> arguments : List.<Map<String, Object>>of(
                Map.of("trigger", "STOP", "response", "x"),
                Map.of("trigger", "(a", "response", "x", "match", "pattern"),
                Map.of("trigger", "hours", "response", "x", "active_hours", "weekdays"),
                Map.of("trigger", "hours", "response", "x", "match", "regex"),
                Map.of("trigger", "hours", "response", "x".repeat(481)),
                Map.of("trigger", "hours"))) {
            CallToolResult result = call(app, "create_sms_autoresponder", arguments);
            assertTrue(result.isError(), arguments.toString());
            assertTrue(text(result).startsWith("[FINAL] Nothing was changed: "), text(result));
            assertTrue(text(result).contains("create_sms_autoresponder again with the argument corrected"),
                    text(result));
        }
        assertTrue(text(call(app, "list_sms_autoresponders", Map.of())).contains("No autoresponders."));
    }
}
