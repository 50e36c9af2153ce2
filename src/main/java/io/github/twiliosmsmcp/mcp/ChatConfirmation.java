package io.github.twiliosmsmcp.mcp;

import io.github.twiliosmsmcp.approval.Confirmation;
import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.common.Trace;
import io.github.twiliosmsmcp.delivery.Shown;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the user in the chat through MCP elicitation (2025 protocol versions), when the client
 * declared it can: the message, its size and cost, with the text editable. Whatever goes wrong
 * (the client fails, times out or answers nonsense) leaves the message in the queue.
 */
final class ChatConfirmation implements Confirmation {
    static final String TEXT = "text";
    private static final Logger LOG = LoggerFactory.getLogger(ChatConfirmation.class);

    private final McpSyncServerExchange exchange;

    private ChatConfirmation(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    static Confirmation of(McpSyncServerExchange exchange) {
        ClientCapabilities capabilities = exchange.getClientCapabilities();
        return capabilities != null && capabilities.elicitation() != null ? new ChatConfirmation(exchange)
                : Confirmation.NONE;
    }

    @Override
    public Answer ask(Staged message) {
        ElicitResult result;
        try {
            result = exchange.createElicitation(ElicitFormRequest.builder(question(message), form(message)).build());
        } catch (RuntimeException e) {
            LOG.warn("{}the user could not be asked about staged message {}: {}", Trace.tag(), message.id(),
                    e.toString());
            return new Dismissed("the question in the chat failed");
        }
        return switch (result.action()) {
            case ACCEPT -> new Approved(editedText(result.content()));
            case DECLINE -> new Declined();
            case CANCEL -> new Dismissed("the user dismissed the question in the chat");
        };
    }

    /** What the user reads: everything they approve, with control characters made visible. */
    static String question(Staged m) {
        return "Send this " + m.kind() + "?\nTo: " + m.to() + "\nFrom: " + m.from().orElse("the default sender")
                + "\nText: " + Shown.whole(m.body())
                + (m.media().isEmpty() ? "" : "\nMedia: " + String.join(" ", m.media()))
                + "\nSize: " + m.segments() + (m.segments() == 1 ? " segment" : " segments") + " (" + m.encoding()
                + "), estimated cost about $" + m.estimateUsd().toPlainString()
                + "\nAccept to send it now (you may edit the text first), decline to not send it.";
    }

    /** One field, the text, filled in with the model's: accepting it unchanged approves it as it is. */
    static Map<String, Object> form(Staged m) {
        return Map.of("type", "object", "properties", Map.of(TEXT, Map.of("type", "string", "title", "Text",
                "description", "The message as it will be sent; edit it if you want", "default", m.body(),
                "maxLength", 1600)));
    }

    private static Optional<String> editedText(Map<String, Object> content) {
        return content != null && content.get(TEXT) instanceof String text && !text.isBlank()
                ? Optional.of(text) : Optional.empty();
    }
}
