package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendReport;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import java.util.Set;

/** What {@code send_sms} and {@code send_mms} share: the same send path and the same [FINAL] answer. */
abstract class SendTool implements SmsTool {
    static final String TO_EXAMPLE = "\"+14155552671\"";
    static final String KEY_EXAMPLE = "\"reminder-4711\"";
    static final String KEY_SCHEMA = "\"idempotency_key\":{\"type\":\"string\",\"description\":\"Optional: a key of your own;"
            + " a later call with the same key never sends again\"}";
    /** The recipient, text and sender, as send_sms and stage_sms describe them. */
    static final String MESSAGE_SCHEMA = """
            "to":{"type":"string","description":"Recipient, in E.164 form (+14155552671) or a national number of the default region"},
            "message":{"type":"string","description":"The text, at most 1600 characters"},
            "from":{"type":"string","description":"Sender: one of the server's Twilio numbers. Omit for the default"},""";
    private static final ToolAnnotations SENDS = new ToolAnnotations(null, false, true, false, true, null);

    private final Part<Boolean> sandbox;
    private final Part<ApprovalService> approvals;
    private final SendRequest.Kind kind;

    SendTool(Part<Boolean> sandbox, Part<ApprovalService> approvals, SendRequest.Kind kind) {
        this.sandbox = sandbox;
        this.approvals = approvals;
        this.kind = kind;
    }

    abstract Set<String> argumentNames();

    abstract SendRequest request(Arguments arguments) throws BadArgument, NotConfigured;

    @Override
    public ToolAnnotations annotations() {
        return SENDS;
    }

    @Override
    public CallToolResult call(Map<String, Object> raw, Progress progress) {
        return call(raw, progress, Confirmation.NONE);
    }

    @Override
    public CallToolResult call(Map<String, Object> raw, Progress progress, Confirmation confirmation) {
        String to = raw != null && raw.get("to") instanceof String s ? Shown.of(s) : "";
        if (to.isEmpty() && raw != null && raw.get("message_id") instanceof String s) {
            to = "the sender of " + Shown.of(s);
        }
        try {
            // Configuration problems come first: no argument can be right while the server cannot send.
            boolean simulated = sandbox.get();
            try {
                Arguments arguments = Arguments.of(raw, argumentNames());
                return answer(approvals.get(), request(arguments), arguments, progress, confirmation, simulated);
            } catch (BadArgument e) {
                return SendAnswer.of(SendReport.invalid(kind, to, e.getMessage(),
                        "Call " + name() + " once more with the argument corrected.", simulated));
            }
        } catch (NotConfigured e) {
            return SendAnswer.of(SendReport.notConfigured(kind, to, e.describe()));
        }
    }

    /** Sent at once, or staged when a person must approve it first (asked in the chat where the client can). */
    CallToolResult answer(ApprovalService approvals, SendRequest request, Arguments arguments, Progress progress,
            Confirmation confirmation, boolean simulated) throws BadArgument {
        return answerOf(approvals.submit(request, progress, confirmation), simulated);
    }

    /** The answer of a send, whatever became of it: sent, waiting for a person, or declined in the chat. */
    static CallToolResult answerOf(ApprovalService.Submitted submitted, boolean simulated) {
        if (submitted instanceof ApprovalService.Held held) {
            return StagedAnswer.of(held.result(), simulated);
        }
        if (submitted instanceof ApprovalService.DeclinedInChat declined) {
            return StagedAnswer.declined(declined.message(), simulated);
        }
        return SendAnswer.of(((ApprovalService.Sent) submitted).report());
    }

    @Override
    public CallToolResult internalError() {
        String text = SendAnswer.FINAL + " " + kind + " outcome UNKNOWN: the server hit an internal error (its log on"
                + " stderr has the details). The message may or may not have been sent, and it was NOT resent.\n"
                + "Do not send this message again: it may already have arrived. Tell the user instead.";
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
