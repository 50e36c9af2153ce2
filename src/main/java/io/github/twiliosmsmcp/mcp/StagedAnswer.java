package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.approval.StagedState;
import io.github.twiliosmsmcp.common.Times;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers about staged messages: what was staged and what a person must do before anything is sent. */
final class StagedAnswer {
    /** How a person approves today; the answer names it so the model can tell the user. */
    static final String HOW_TO_APPROVE = "a person approves or rejects staged messages on the server's machine with"
            + " `java -jar twilio-sms-mcp.jar review`";

    private StagedAnswer() {}

    static CallToolResult of(ApprovalService.StageResult result, boolean simulated) {
        if (result instanceof ApprovalService.NotStaged notStaged) {
            return SendAnswer.of(notStaged.report());
        }
        ApprovalService.StagedForApproval staged = (ApprovalService.StagedForApproval) result;
        Staged m = staged.message();
        if (m.state() == StagedState.SENT) {
            return alreadySent(m, simulated);
        }
        StringBuilder out = new StringBuilder(SendAnswer.FINAL).append(' ');
        if (simulated) {
            out.append(SendAnswer.SANDBOX).append(' ');
        }
        out.append(m.kind()).append(" to ").append(m.to()).append(" NOT sent: ")
                .append(staged.alreadyStaged() ? "the same message was already staged as #" + m.id()
                        + "; nothing new was staged." : "staged as #" + m.id() + " for a person's approval.")
                .append('\n');
        out.append("Why: ").append(why(staged)).append('\n');
        appendMessage(out, m);
        staged.laterRule().ifPresent(rule -> out.append("Note: right now the owner's rule \"").append(rule.rule())
                .append("\" would hold it back (").append(rule.reason()).append("); it is checked again when sent.\n"));
        out.append("What happens next: nothing is sent until ").append(HOW_TO_APPROVE).append(". Once it is approved,"
                + " send_approved_sms sends it; list_staged_sms shows its state and a rejection's reason.\n");
        out.append("Do not send or stage this message again: it is waiting for approval. Tell the user.");
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("staged", true);
        structured.put("sent", false);
        structured.put("alreadyStaged", staged.alreadyStaged());
        structured.put("message", summary(m, m.createdAt()));
        return CallToolResult.builder().addTextContent(out.toString()).structuredContent(structured).isError(false)
                .build();
    }

    /** The same message went out from the queue a moment ago: a repeat, not sent again. */
    private static CallToolResult alreadySent(Staged m, boolean simulated) {
        String text = SendAnswer.FINAL + (simulated ? " " + SendAnswer.SANDBOX : "") + " " + m.kind() + " to " + m.to()
                + " was already sent from the approval queue as #" + m.id()
                + m.messageSid().map(sid -> " (SID " + sid + ")").orElse("") + "; it was NOT sent again.\n"
                + "Do not send this message again. Tell the user it went out.";
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("staged", true);
        structured.put("sent", false);
        structured.put("alreadySent", true);
        structured.put("message", summary(m, m.createdAt()));
        return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
    }

    /** The user said no in the chat. */
    static CallToolResult declined(Staged m, boolean simulated) {
        String text = SendAnswer.FINAL + (simulated ? " " + SendAnswer.SANDBOX : "") + " " + m.kind() + " to " + m.to()
                + " NOT sent: the user declined it when asked in the chat (staged message #" + m.id()
                + " is rejected).\nDo not send it again unless the user asks for it. Tell the user it was not sent.";
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("staged", true);
        structured.put("sent", false);
        structured.put("declined", true);
        structured.put("message", summary(m, m.createdAt()));
        return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
    }

    private static String why(ApprovalService.StagedForApproval staged) {
        return switch (staged.setting()) {
            case ALL -> "the server's owner wants every message approved (SMS_APPROVAL=all)";
            case NEW_RECIPIENTS -> staged.message().replaces().isPresent() ? "it was edited"
                    : "the server's owner wants messages to new recipients approved (SMS_APPROVAL=new-recipients),"
                            + " or it was staged on purpose with stage_sms";
            case OFF -> "it was staged with stage_sms";
        };
    }

    static void appendMessage(StringBuilder out, Staged m) {
        out.append("Text: ").append(Shown.whole(m.body())).append('\n');
        if (!m.media().isEmpty()) {
            out.append("Media: ").append(m.media().size()).append(m.media().size() == 1 ? " file" : " files").append('\n');
        }
        out.append("From: ").append(m.from().orElse("the default sender")).append(", priority: ")
                .append(m.priority().value()).append(", size: ").append(m.segments())
                .append(m.segments() == 1 ? " segment" : " segments").append(" (").append(m.encoding())
                .append("), estimated cost: about $").append(m.estimateUsd().toPlainString()).append('\n');
        m.notes().ifPresent(notes -> out.append("Notes: ").append(Shown.whole(notes)).append('\n'));
        if (m.state().open()) {
            out.append("Expires: ").append(Times.format(m.expiresAt())).append('\n');
        }
    }

    static Map<String, Object> summary(Staged m, Instant now) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", m.id());
        map.put("state", m.stateAt(now).value());
        map.put("kind", m.kind().name());
        map.put("to", m.to());
        m.from().ifPresent(from -> map.put("from", from));
        map.put("text", m.body());
        map.put("mediaCount", m.media().size());
        map.put("priority", m.priority().value());
        m.notes().ifPresent(notes -> map.put("notes", notes));
        map.put("segments", m.segments());
        map.put("estimatedUsd", m.estimateUsd().toPlainString());
        map.put("createdAt", m.createdAt().toString());
        map.put("expiresAt", m.expiresAt().toString());
        m.reason().ifPresent(reason -> map.put("reason", reason));
        m.decidedBy().ifPresent(by -> map.put("decidedBy", by));
        m.messageSid().ifPresent(sid -> map.put("messageSid", sid));
        m.replaces().ifPresent(id -> map.put("replaces", id));
        return map;
    }
}
