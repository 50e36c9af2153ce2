package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.autorespond.RuleBook;
import io.github.twiliosmsmcp.autorespond.Trigger;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code create_sms_autoresponder}: a rule that answers matching inbound texts by itself, tried after the others. */
final class CreateSmsAutoresponderTool extends RuleTool {
    private static final ToolAnnotations CREATES = new ToolAnnotations(null, false, false, false, true, null);

    private final Part<RuleBook> rules;

    CreateSmsAutoresponderTool(Part<Boolean> sandbox, Part<RuleBook> rules) {
        super(sandbox);
        this.rules = rules;
    }

    @Override
    public String name() {
        return "create_sms_autoresponder";
    }

    @Override
    public String title() {
        return "Create SMS autoresponder";
    }

    @Override
    public String description() {
        return "Create a rule that texts 'response' back to whoever texts 'trigger' (e.g. HOURS), answered by the"
                + " always-on service within the owner's limits: one reply per rule per number per cooldown, 3 a day."
                + " Rules are tried in order; the first match answers.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "trigger":{"type":"string","description":"Keyword (whole word, any case/accents) or RE2 regex"},
                "response":{"type":"string","description":"Text sent back, at most 480 characters"},
                "enabled":{"type":"boolean","description":"Default true"},
                "active_hours":{"type":"string","description":"e.g. Mon-Fri 09:00-17:00; Sat 10:00-14:00 (owner's time zone); omit for always"},
                "match":{"type":"string","enum":["keyword","pattern"],"description":"Default keyword"}},
                "required":["trigger","response"],"additionalProperties":false}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return CREATES;
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("trigger", "response", "enabled", "active_hours", "match");
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws BadArgument, NotConfigured {
        String trigger = arguments.requiredString("trigger", "\"HOURS\"");
        String response = arguments.requiredString("response", "\"We are open Mon-Fri 9-17\"");
        boolean enabled = arguments.optionalBoolean("enabled").orElse(true);
        Optional<String> hours = arguments.optionalString("active_hours", "\"Mon-Fri 09:00-17:00\"");
        String matchText = arguments.optionalString("match", "\"keyword\"").orElse("keyword");
        Trigger.Match match = Trigger.Match.parse(matchText).orElseThrow(() -> new BadArgument(
                "'match' must be keyword or pattern"));
        RuleBook.Created created;
        try {
            created = rules.get().create(new RuleBook.Request(trigger, match, response, enabled, hours),
                    Rule.Origin.MODEL);
        } catch (IllegalArgumentException e) {
            throw new BadArgument(e.getMessage());
        } catch (StoreUnavailable e) {
            return refused(e.describe(), "Tell the user the message store must be fixed first.", simulated);
        }
        Rule rule = created.rule();
        StringBuilder text = new StringBuilder(SendAnswer.FINAL).append(" Created autoresponder #").append(rule.id())
                .append(" (tried ").append(ordinal(rule.position())).append("):\n").append(line(rule)).append('\n');
        if (created.waitsForPerson()) {
            text.append("It is DISABLED until a person approves it: ").append(HOW_TO_ENABLE)
                    .append(". Tell the user; do not create it again.\n");
        } else if (rule.enabled()) {
            text.append("It answers inbound texts while `serve` runs with SMS_AUTORESPONDERS=on; every reply goes"
                    + " through the owner's sending rules. Do not create it again.\n");
        } else {
            text.append("It is disabled; ").append(HOW_TO_ENABLE).append(".\n");
        }
        Map<String, Object> structured = RuleTool.summary(rule);
        structured.put("waits_for_person", created.waitsForPerson());
        return CallToolResult.builder().addTextContent(text.toString()).structuredContent(structured).isError(false)
                .build();
    }

    private static String ordinal(int position) {
        return position == 1 ? "first" : "as number " + position;
    }
}
