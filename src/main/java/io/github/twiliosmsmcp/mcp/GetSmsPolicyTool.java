package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.config.Durations;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.policy.Allowance;
import io.github.twiliosmsmcp.policy.Approval;
import io.github.twiliosmsmcp.policy.NumberRule;
import io.github.twiliosmsmcp.policy.Policy;
import io.github.twiliosmsmcp.policy.QuietHours;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code get_sms_policy}: the owner's sending rules and what is left of each limit, so a model can plan. */
final class GetSmsPolicyTool extends ReadTool {
    private final Clock clock;

    private final Part<Settings> settings;
    private final Part<SendService> sender;

    GetSmsPolicyTool(Part<Boolean> sandbox, Part<Settings> settings, Part<SendService> sender, Clock clock) {
        super(sandbox);
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "get_sms_policy";
    }

    @Override
    public String title() {
        return "Get SMS policy";
    }

    @Override
    public String description() {
        return "Read the sending rules set by the server's owner (allowed recipients, limits, budget, quiet hours,"
                + " mode) and what is left of each limit now. Call it to plan; the rules cannot be changed from here.";
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
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws NotConfigured {
        Settings settings = this.settings.get();
        Policy p = settings.policy();
        Allowance left;
        try {
            left = Allowance.of(p, sender.get().recentCharges(), clock.instant());
        } catch (StoreUnavailable e) {
            return ReceiveAnswer.notRead(e.describe(), "Tell the user the message store must be fixed first.",
                    simulated);
        }
        String quiet = p.quietHours().map(QuietHours::describe).orElse("off");
        StringBuilder out = new StringBuilder();
        if (simulated) {
            out.append("SANDBOX: nothing is sent; the rules below apply to the simulated sends too.\n");
        }
        out.append("Sending rules set by the server's owner (they can be read here, not changed):\n")
                .append("- Mode: ").append(p.mode().value()).append(" (SMS_MODE)\n")
                .append("- Recipients: ").append(p.allowed().isEmpty() ? "any number" : "only " + rules(p.allowed()))
                .append(" (").append(Policy.ALLOWED).append(")\n")
                .append("- Blocked: ").append(p.blocked().isEmpty() ? "none" : rules(p.blocked()))
                .append(" (").append(Policy.BLOCKED).append(")\n")
                .append("- Replies only: ").append(p.repliesOnly() ? "yes, only numbers that texted first" : "no")
                .append(" (").append(Policy.REPLIES_ONLY).append(")\n")
                .append("- Per recipient: at most ").append(p.maxPerRecipientPerHour()).append(" per hour (")
                .append(Policy.PER_RECIPIENT_PER_HOUR).append(")\n")
                .append("- Per hour: ").append(left.lastHour()).append(" of ").append(p.maxPerHour())
                .append(" used in the last hour, ").append(left.leftThisHour()).append(" left (").append(Policy.PER_HOUR).append(")\n")
                .append("- Per day: ").append(left.lastDay()).append(" of ").append(p.maxPerDay())
                .append(" used in the last 24 hours, ").append(left.leftToday()).append(" left (").append(Policy.PER_DAY).append(")\n")
                .append("- Budget: ").append(p.dailyBudgetUsd().map(b -> "about $" + left.spentLastDay().toPlainString()
                        + " of $" + b.toPlainString() + " spent in the last 24 hours, $"
                        + left.budgetLeft().orElse(BigDecimal.ZERO).toPlainString() + " left").orElse("no daily budget"))
                .append(" (").append(Policy.DAILY_BUDGET).append(")\n")
                .append("- Quiet hours: ").append(quiet).append(p.quietHours().isPresent() ? " in the recipient's local time" : "")
                .append(" (").append(Policy.QUIET_HOURS).append(")\n")
                .append("- Opt-outs: numbers that replied STOP (or similar) are never texted until they reply START.\n")
                .append("- Approval: ").append(switch (settings.approval().rule()) {
                    case OFF -> "none, sends go out at once";
                    case ALL -> "a person approves every send first; sends are staged";
                    case NEW_RECIPIENTS -> "a person approves sends to numbers never texted or heard from; those are staged";
                }).append(" (").append(Approval.SETTING).append(")\n")
                .append("- Providers: ").append(settings.providers().describe())
                .append(settings.providers().fallback().isPresent()
                        ? ", only when the first certainly did not take the message" : "")
                .append(" (SMS_PROVIDER, SMS_FALLBACK_PROVIDER)\n")
                .append("- Repeats: the same text to the same number within ").append(Durations.describe(settings.dedupeWindow()))
                .append(" is not sent again (SMS_DEDUPE_WINDOW).\n")
                .append("Limits count messages in rolling windows; costs are estimates corrected with Twilio's prices.");
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("mode", p.mode().value());
        structured.put("allowed_recipients", p.allowed().stream().map(NumberRule::toString).toList());
        structured.put("blocked_recipients", p.blocked().stream().map(NumberRule::toString).toList());
        structured.put("replies_only", p.repliesOnly());
        structured.put("max_per_recipient_per_hour", p.maxPerRecipientPerHour());
        structured.put("max_per_hour", p.maxPerHour());
        structured.put("sent_last_hour", left.lastHour());
        structured.put("left_this_hour", left.leftThisHour());
        structured.put("max_per_day", p.maxPerDay());
        structured.put("sent_last_day", left.lastDay());
        structured.put("left_today", left.leftToday());
        structured.put("daily_budget_usd", p.dailyBudgetUsd().map(BigDecimal::toPlainString).orElse(null));
        structured.put("spent_last_day_usd", left.spentLastDay().toPlainString());
        structured.put("budget_left_usd", left.budgetLeft().map(BigDecimal::toPlainString).orElse(null));
        structured.put("quiet_hours", quiet);
        structured.put("approval", settings.approval().rule().value());
        structured.put("dedupe_window_seconds", settings.dedupeWindow().toSeconds());
        structured.put("sandbox", simulated);
        structured.put("provider", settings.providers().first());
        structured.put("fallback_provider", settings.providers().fallback().orElse(null));
        return CallToolResult.builder().addTextContent(out.toString()).structuredContent(structured).build();
    }

    private static String rules(List<NumberRule> rules) {
        return rules.stream().map(NumberRule::toString).collect(Collectors.joining(", "));
    }
}
