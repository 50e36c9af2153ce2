package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code send_approved_sms}: every message a person approved and nobody sent yet, each sent once.
 * It takes no arguments, as the reads do, and shares their handling of arguments and configuration.
 */
final class SendApprovedSmsTool extends ReadTool {
    /** It sends, but calling it again sends nothing twice: each approved message has its own send-once key. */
    private static final ToolAnnotations SENDS_ONCE = new ToolAnnotations(null, false, true, true, true, null);

    private final Part<ApprovalService> approvals;

    SendApprovedSmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals) {
        super(sandbox);
        this.approvals = approvals;
    }

    @Override
    public String name() {
        return "send_approved_sms";
    }

    @Override
    public String title() {
        return "Send approved SMS";
    }

    @Override
    public String description() {
        return "Send every staged message a person approved and nobody sent yet, each exactly once. Pending ones"
                + " wait: only a person can approve them. The [FINAL] answer reports each outcome: never call again"
                + " for the same messages.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{},"additionalProperties":false}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return SENDS_ONCE;
    }

    @Override
    Set<String> argumentNames() {
        return Set.of();
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws NotConfigured {
        List<ApprovalService.Attempt> attempts;
        try {
            attempts = approvals.get().sendApproved(progress);
        } catch (StoreUnavailable e) {
            return refused("the message store cannot be used: " + e.describe(),
                    "Tell the user the message store must be fixed first.", simulated);
        }
        StringBuilder out = new StringBuilder(SendAnswer.FINAL).append(' ');
        if (simulated) {
            out.append(SendAnswer.SANDBOX).append(' ');
        }
        if (attempts.isEmpty()) {
            out.append("No approved message was waiting to be sent; nothing was sent.\nPending messages are sent only"
                    + " after ").append(StagedAnswer.HOW_TO_APPROVE).append('.');
        } else {
            out.append(attempts.size()).append(attempts.size() == 1 ? " approved message:" : " approved messages:");
        }
        List<Map<String, Object>> structured = new ArrayList<>();
        for (ApprovalService.Attempt attempt : attempts) {
            out.append("\n\n#").append(attempt.message().id()).append(" to ").append(attempt.message().to()).append(": ");
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", attempt.message().id());
            item.put("to", attempt.message().to());
            if (attempt.report().isEmpty()) {
                out.append("NOT attempted in this call (out of time); call send_approved_sms again to send it.");
                item.put("outcome", "not_attempted");
            } else {
                SendReport report = attempt.report().get();
                out.append(SendAnswer.text(report).substring(SendAnswer.prefix(report).length()));
                item.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
                report.sid().ifPresent(sid -> item.put("messageSid", sid));
            }
            structured.add(item);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("attempts", structured);
        boolean failed = attempts.stream().anyMatch(a -> a.report().map(r -> r.outcome().isFailure()).orElse(false));
        return CallToolResult.builder().addTextContent(out.toString()).structuredContent(content).isError(failed)
                .build();
    }

    @Override
    CallToolResult refused(String problem, String advice, boolean simulated) {
        return CallToolResult.builder().addTextContent(SendAnswer.FINAL + (simulated ? " " + SendAnswer.SANDBOX : "")
                + " Nothing was sent: " + problem + ".\nWhat to do: " + advice).isError(true).build();
    }

    @Override
    public CallToolResult internalError() {
        return CallToolResult.builder().addTextContent(SendAnswer.FINAL + " Outcome UNKNOWN: the server hit an internal"
                + " error while sending approved messages (its log on stderr has the details). Messages it had begun"
                + " are recorded and will not be sent twice; call list_staged_sms to see each state. Tell the user.")
                .isError(true).build();
    }
}
