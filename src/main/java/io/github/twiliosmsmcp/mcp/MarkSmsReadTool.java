package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.app.Part;
import io.github.twiliosmsmcp.app.NotConfigured;
import io.github.twiliosmsmcp.delivery.Progress;
import io.github.twiliosmsmcp.delivery.Shown;
import io.github.twiliosmsmcp.inbox.ConversationService;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code mark_sms_read}: marks received messages read, so receive_sms skips them. */
final class MarkSmsReadTool extends ReadTool {
    private static final ToolAnnotations MARKS = new ToolAnnotations(null, false, false, true, false, null);
    private static final int MAX_IDS = 100;

    private final Part<ConversationService> conversations;

    MarkSmsReadTool(Part<Boolean> sandbox, Part<ConversationService> conversations) {
        super(sandbox);
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "mark_sms_read";
    }

    @Override
    public String title() {
        return "Mark SMS read";
    }

    @Override
    public String description() {
        return "Mark received messages as read, so receive_sms no longer returns them as new.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type":"object","properties":{
                "message_ids":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":100,"description":"SIDs of received messages"}},
                "required":["message_ids"],"additionalProperties":false}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return MARKS;
    }

    @Override
    Set<String> argumentNames() {
        return Set.of("message_ids");
    }

    @Override
    CallToolResult answer(Arguments arguments, Progress progress, boolean simulated)
            throws BadArgument, NotConfigured {
        List<String> sids = arguments.stringList("message_ids", "\"SM0123...\"").stream().map(String::strip).distinct().toList();
        if (sids.isEmpty() || sids.size() > MAX_IDS) {
            throw new BadArgument("'message_ids' must list 1 to " + MAX_IDS + " message SIDs (it listed " + sids.size() + ")");
        }
        for (String sid : sids) {
            if (!conversations.get().messageIds().accepts(sid)) {
                throw new BadArgument(Shown.quoted(sid) + " is not a message SID ("
                        + conversations.get().messageIds().description() + ")");
            }
        }
        try {
            ConversationService.Marked marked = conversations.get().markRead(sids);
            StringBuilder text = new StringBuilder("Marked ").append(marked.newlyRead().size())
                    .append(marked.newlyRead().size() == 1 ? " message" : " messages").append(" as read.");
            if (!marked.alreadyRead().isEmpty()) {
                text.append(" Already read: ").append(String.join(", ", marked.alreadyRead())).append('.');
            }
            if (!marked.unknown().isEmpty()) {
                text.append(" Not known to this server (never returned by receive_sms or get_conversation): ")
                        .append(String.join(", ", marked.unknown())).append('.');
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("newly_read", marked.newlyRead());
            structured.put("already_read", marked.alreadyRead());
            structured.put("unknown", marked.unknown());
            return CallToolResult.builder().addTextContent(text.toString()).structuredContent(structured).build();
        } catch (StoreUnavailable e) {
            return ReceiveAnswer.notRead(e.describe(),
                    "Tell the user the message store must be fixed first (see the file named above).", simulated);
        }
    }
}
