package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code list_sms_autoresponders}: the rules in the order they are tried, with how often each answered. */
final class ListSmsAutorespondersTool extends RuleTool {
    private final Part<RuleBook> rules;

    ListSmsAutorespondersTool(Part<Boolean> sandbox, Part<RuleBook> rules) {
        super(sandbox);
        this.rules = rules;
    }

    @Override
    public String name() {
        return "list_sms_autoresponders";
    }

    @Override
    public String title() {
        return "List SMS autoresponders";
    }

    @Override
    public String description() {
        return "List autoresponder rules in the order they are tried, with trigger count and last trigger.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{},"additionalProperties":false}""";
    }

    @Override
    Set<String> argumentNames() {
        return Set.of();
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws BadArgument, NotConfigured {
        List<Rule> all;
        try {
            all = rules.get().list();
        } catch (StoreUnavailable e) {
            return ReceiveAnswer.notRead(e.describe(), "Tell the user the message store must be fixed first.",
                    simulated);
        }
        StringBuilder text = new StringBuilder(SendAnswer.FINAL).append(' ');
        text.append(all.isEmpty() ? "No autoresponders." : all.size() + (all.size() == 1 ? " autoresponder" :
                " autoresponders") + ", in the order they are tried (the first match answers):").append('\n');
        all.forEach(rule -> text.append(line(rule)).append('\n'));
        if (all.stream().anyMatch(rule -> !rule.enabled())) {
            text.append("A disabled rule answers nothing until ").append(HOW_TO_ENABLE).append(".\n");
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("autoresponders", all.stream().map(RuleTool::summary).toList());
        return CallToolResult.builder().addTextContent(text.toString()).structuredContent(structured).isError(false)
                .build();
    }
}
