package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.common.Times;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code list_staged_sms}: staged messages and where each stands, a rejection's reason included. */
final class ListStagedSmsTool extends ReadTool {
    private final Part<ApprovalService> approvals;
    private final Clock clock;

    ListStagedSmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals, Clock clock) {
        super(sandbox);
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "list_staged_sms";
    }

    @Override
    public String title() {
        return "List staged SMS";
    }

    @Override
    public String description() {
        return "List staged messages, newest first: state, a rejection's reason, a send's outcome.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "status":{"type":"string","enum":["pending","approved","rejected","expired","sent","failed"],"description":"Only this state; omit for all"}},
                "additionalProperties":false}""";
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("status");
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated) throws BadArgument, NotConfigured {
        Optional<String> statusText = arguments.optionalString("status", "\"pending\"");
        Optional<StagedState> status = Optional.empty();
        if (statusText.isPresent()) {
            status = Optional.of(StagedState.parse(statusText.get()).orElseThrow(() -> new BadArgument("'status' must be"
                    + " pending, approved, rejected, expired, sent or failed (it was " + Shown.quoted(statusText.get())
                    + ")")));
        }
        List<Staged> staged;
        try {
            staged = approvals.get().list(status);
        } catch (StoreUnavailable e) {
            return ReceiveAnswer.notRead("the message store cannot be used: " + e.describe(),
                    "Tell the user the message store must be fixed first.", simulated);
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder(SendAnswer.FINAL).append(' ');
        out.append(staged.isEmpty() ? "No staged messages" : staged.size() + " staged "
                + (staged.size() == 1 ? "message" : "messages")).append(status.map(s -> " " + s.value()).orElse(""))
                .append(staged.isEmpty() ? "." : ", newest first:").append('\n');
        for (Staged m : staged) {
            out.append("\n#").append(m.id()).append(' ').append(m.stateAt(now).value().toUpperCase(Locale.ROOT))
                    .append(": ").append(m.kind()).append(" to ").append(m.to()).append(", staged ")
                    .append(Times.format(m.createdAt())).append('\n');
            m.reason().ifPresent(reason -> out.append("Reason: ").append(Shown.whole(reason)).append('\n'));
            m.messageSid().ifPresent(sid -> out.append("Message SID: ").append(sid).append('\n'));
            StagedAnswer.appendMessage(out, m);
        }
        if (staged.stream().anyMatch(m -> m.stateAt(now) == StagedState.PENDING)) {
            out.append("\nPending messages are sent only after ").append(StagedAnswer.HOW_TO_APPROVE).append(".\n");
        }
        if (staged.stream().anyMatch(m -> m.stateAt(now) == StagedState.APPROVED)) {
            out.append("\nApproved messages go out when send_approved_sms is called.\n");
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("staged", staged.stream().map(m -> StagedAnswer.summary(m, now)).toList());
        return CallToolResult.builder().addTextContent(out.toString()).structuredContent(structured).isError(false)
                .build();
    }
}
