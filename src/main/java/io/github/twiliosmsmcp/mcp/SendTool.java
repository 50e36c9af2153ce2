package io.github.twiliosmsmcp.mcp;

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
    private static final ToolAnnotations SENDS = new ToolAnnotations(null, false, true, false, true, null);

    private final Services services;
    private final SendRequest.Kind kind;

    SendTool(Services services, SendRequest.Kind kind) {
        this.services = services;
        this.kind = kind;
    }

    abstract Set<String> argumentNames();

    abstract SendRequest request(Arguments arguments, Services.Ready services) throws BadArgument;

    @Override
    public ToolAnnotations annotations() {
        return SENDS;
    }

    @Override
    public CallToolResult call(Map<String, Object> raw, Progress progress) {
        Services.State state = services.get();
        String to = raw != null && raw.get("to") instanceof String s ? Shown.of(s) : "";
        if (to.isEmpty() && raw != null && raw.get("message_id") instanceof String s) {
            to = "the sender of " + Shown.of(s);
        }
        if (state instanceof Services.Misconfigured misconfigured) {
            return SendAnswer.of(SendReport.notConfigured(kind, to, misconfigured.describe()));
        }
        Services.Ready ready = (Services.Ready) state;
        SendRequest request;
        try {
            request = request(Arguments.of(raw, argumentNames()), ready);
        } catch (BadArgument e) {
            return SendAnswer.of(SendReport.invalid(kind, to, e.getMessage(),
                    "Call " + name() + " once more with the argument corrected.", ready.simulated()));
        }
        return SendAnswer.of(ready.sender().send(request, progress));
    }

    @Override
    public CallToolResult internalError() {
        String text = SendAnswer.FINAL + " " + kind + " outcome UNKNOWN: the server hit an internal error (its log on"
                + " stderr has the details). The message may or may not have been sent, and it was NOT resent.\n"
                + "Do not send this message again: it may already have arrived. Tell the user instead.";
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
