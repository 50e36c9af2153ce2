package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.approval.ApprovalService;
import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.approval.Priority;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.SendRequest;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stage_sms}: a message put in front of a person instead of sent; nothing reaches Twilio. It
 * does not ask in the chat: a model stages on purpose for the queue.
 */
final class StageSmsTool extends SendTool {
    /** It writes (a staged row) but sends nothing, and staging the same message twice changes nothing. */
    private static final ToolAnnotations STAGES = new ToolAnnotations(null, false, false, true, false, null);
    private static final int MAX_NOTES = 1000;

    StageSmsTool(Part<Boolean> sandbox, Part<ApprovalService> approvals) {
        super(sandbox, approvals, SendRequest.Kind.SMS);
    }

    @Override
    public String name() {
        return "stage_sms";
    }

    @Override
    public String title() {
        return "Stage SMS for approval";
    }

    @Override
    public String description() {
        return "Stage ONE message (an MMS with media_urls) for a person to approve; NOTHING is sent. It gets every"
                + " check a send gets. The [FINAL] answer says what happens next: do not stage it again.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                %s
                "media_urls":{"type":"array","items":{"type":"string"},"maxItems":10,"description":"Public http(s) URLs of images or files"},
                "priority":{"type":"string","enum":["urgent","high","normal","low"],"description":"Default normal"},
                "notes":{"type":"string","description":"For the reviewer, not sent"}},
                "required":["to","message"],"additionalProperties":false}""".formatted(MESSAGE_SCHEMA);
    }

    @Override
    public ToolAnnotations annotations() {
        return STAGES;
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("to", "message", "media_urls", "priority", "notes", "from");
    }

    @Override
    SendRequest request(Arguments arguments) throws BadArgument {
        List<String> media = arguments.has("media_urls")
                ? arguments.stringList("media_urls", "\"https://example.com/photo.jpg\"") : List.of();
        return new SendRequest(media.isEmpty() ? SendRequest.Kind.SMS : SendRequest.Kind.MMS,
                arguments.requiredString("to", TO_EXAMPLE), arguments.optionalString("from", TO_EXAMPLE),
                arguments.requiredString("message", "\"See you at 3pm\""), media, Optional.empty(), Optional.empty());
    }

    @Override
    CallToolResult answer(ApprovalService approvals, SendRequest request, Arguments arguments, Progress progress,
            Confirmation confirmation, boolean simulated) throws BadArgument {
        Optional<String> priorityText = arguments.optionalString("priority", "\"normal\"");
        Priority priority = priorityText.isEmpty() ? Priority.NORMAL : Priority.parse(priorityText.get())
                .orElseThrow(() -> new BadArgument("'priority' must be urgent, high, normal or low (it was "
                        + Shown.quoted(priorityText.get()) + ")"));
        Optional<String> notes = arguments.optionalString("notes", "\"Confirmed by phone on Monday\"");
        if (notes.isPresent() && notes.get().length() > MAX_NOTES) {
            throw new BadArgument("'notes' must be at most " + MAX_NOTES + " characters");
        }
        return StagedAnswer.of(approvals.stage(request, priority, notes), simulated);
    }

    @Override
    public CallToolResult internalError() {
        return CallToolResult.builder().addTextContent(SendAnswer.FINAL + " The message was NOT staged: the server hit"
                + " an internal error (its log on stderr has the details). Nothing was sent. Tell the user.")
                .isError(true).build();
    }
}
