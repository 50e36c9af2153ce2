package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.autorespond.ActiveHours;
import io.github.twiliosmsmcp.autorespond.Rule;
import io.github.twiliosmsmcp.common.Times;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the autoresponder tools share: a rule as the answers show it, and a refusal that says
 * nothing was changed. The rules act only in {@code serve}, which the descriptions say, since a
 * model that sees them in a stdio chat must not believe a stdio server answers texts.
 */
abstract class RuleTool extends ReadTool {
    static final String HOW_TO_ENABLE = "a person enables it with `java -jar twilio-sms-mcp.jar review enable ID`";

    RuleTool(Part<Boolean> sandbox) {
        super(sandbox);
    }

    @Override
    CallToolResult refused(String problem, String advice, boolean simulated) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("problem", problem);
        return CallToolResult.builder()
                .addTextContent(SendAnswer.FINAL + " Nothing was changed: " + problem + ".\nWhat to do: " + advice)
                .structuredContent(structured)
                .isError(true)
                .build();
    }

    @Override
    public CallToolResult internalError() {
        return refused("the server hit an internal error", "Tell the user; the server's log (stderr) has the details.",
                false);
    }

    static String line(Rule rule) {
        StringBuilder out = new StringBuilder().append(rule.position()).append(". #").append(rule.id()).append(' ')
                .append(rule.enabled() ? "ENABLED" : "DISABLED").append(": ").append(rule.trigger().match().value())
                .append(' ').append(Shown.quoted(rule.trigger().text()))
                .append(" -> ").append(Shown.quoted(rule.response()))
                .append(rule.activeHours().map(h -> ", active " + h.text()).orElse(", always active"))
                .append("; triggered ").append(rule.triggerCount()).append(rule.triggerCount() == 1 ? " time" : " times")
                .append(rule.lastTriggered().map(at -> ", last " + Times.format(at)).orElse(""));
        return out.toString();
    }

    static Map<String, Object> summary(Rule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rule.id());
        out.put("order", rule.position());
        out.put("enabled", rule.enabled());
        out.put("match", rule.trigger().match().value());
        out.put("trigger", rule.trigger().text());
        out.put("response", rule.response());
        out.put("active_hours", rule.activeHours().map(ActiveHours::text).orElse(null));
        out.put("created_by", rule.origin().name().toLowerCase(Locale.ROOT));
        out.put("trigger_count", rule.triggerCount());
        out.put("last_triggered", rule.lastTriggered().map(Times::format).orElse(null));
        return out;
    }
}
