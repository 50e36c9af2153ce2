package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code delete_sms_autoresponder}: the rule answers nothing more; its past autoreplies stay in the journal. */
final class DeleteSmsAutoresponderTool extends RuleTool {
    private static final ToolAnnotations DELETES = new ToolAnnotations(null, false, true, true, false, null);

    private final Part<RuleBook> rules;

    DeleteSmsAutoresponderTool(Part<Boolean> sandbox, Part<RuleBook> rules) {
        super(sandbox);
        this.rules = rules;
    }

    @Override
    public String name() {
        return "delete_sms_autoresponder";
    }

    @Override
    public String title() {
        return "Delete SMS autoresponder";
    }

    @Override
    public String description() {
        return "Delete an autoresponder rule by its id (from list_sms_autoresponders).";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "id":{"type":"integer","minimum":1,"description":"The rule's id"}},
                "required":["id"],"additionalProperties":false}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return DELETES;
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("id");
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws BadArgument, NotConfigured {
        int id = arguments.optionalInt("id", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> new BadArgument("'id' is required: the rule's id from list_sms_autoresponders"));
        boolean deleted;
        try {
            deleted = rules.get().delete(id);
        } catch (StoreUnavailable e) {
            return refused(e.describe(), "Tell the user the message store must be fixed first.", simulated);
        }
        if (!deleted) {
            return refused("there is no autoresponder #" + id, "Call list_sms_autoresponders to see the ids.",
                    simulated);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("deleted", id);
        return CallToolResult.builder().addTextContent(SendAnswer.FINAL + " Deleted autoresponder #" + id
                + "; it answers nothing more.").structuredContent(structured).isError(false).build();
    }
}
